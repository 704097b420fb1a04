package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.port.out.ChektContactSource;
import com.centralstation.verification.core.port.out.ChektGateway;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/**
 * The CHeKT Partner API client: {@link ChektGateway} and {@link ChektContactSource} over Spring Cloud OpenFeign,
 * authenticated with OAuth 2.0 client credentials, configured by {@link ChektProperties} ({@code chekt.*}).
 *
 * <p>Import it explicitly. It relies on Spring Cloud OpenFeign's auto-configuration (present in any Spring Boot
 * application with auto-configuration on). It uses the context's {@link Clock} and {@link MeterRegistry} when
 * there is exactly one (or a primary), else the system clock and Micrometer's global registry.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ChektProperties.class, ChektRateLimitProperties.class})
@EnableFeignClients(clients = {AlarmVerificationsClient.class, SiteContactsClient.class})
public class ChektClientConfiguration {

    /**
     * Transport loggers below our code print raw traffic at DEBUG: Spring's RestClient the token request form
     * (client secret or assertion), Apache HttpClient every header (the bearer token). This module never logs
     * them itself and cannot stop those loggers, so it says so loudly.
     */
    static final List<String> CREDENTIAL_LEAKING_LOGGERS = List.of(
            "org.springframework.web.client.DefaultRestClient",
            "org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.wire");

    private static final Logger log = LoggerFactory.getLogger(ChektClientConfiguration.class);

    @Bean
    ChektAccessTokens chektAccessTokens(ChektProperties properties, ObjectProvider<Clock> clock,
                                        ObjectProvider<MeterRegistry> meters) {
        CREDENTIAL_LEAKING_LOGGERS.stream()
                .filter(name -> LoggerFactory.getLogger(name).isDebugEnabled())
                .forEach(name -> log.warn("Logger {} is at DEBUG and will write CHeKT credentials to the log; "
                        + "set it to INFO outside a local debugging session", name));
        return ChektOAuth2Client.accessTokens(properties, clockOf(clock), metersOf(meters));
    }

    @Bean
    ChektCalls chektCalls(ChektAccessTokens tokens, ObjectProvider<MeterRegistry> meters) {
        return new ChektCalls(tokens, metersOf(meters));
    }

    @Bean
    ChektGateway chektGateway(AlarmVerificationsClient alarmVerifications, ChektCalls calls,
                              ChektRateLimitProperties rateLimit, ObjectProvider<Clock> clock) {
        if (rateLimit.isOn()) {
            log.info("Submissions to CHeKT are limited to {} a minute on this node (chekt.rate-limit.requests-per-minute)",
                    rateLimit.requestsPerMinute());
        }
        return new ChektFeignGateway(alarmVerifications, calls, SubmissionRateLimit.of(rateLimit, clockOf(clock)),
                clockOf(clock));
    }

    @Bean
    ChektContactSource chektContactSource(SiteContactsClient siteContacts, ChektCalls calls) {
        return new ChektFeignContactSource(siteContacts, calls);
    }

    private static Clock clockOf(ObjectProvider<Clock> clock) {
        return clock.getIfUnique(Clock::systemUTC);
    }

    private static MeterRegistry metersOf(ObjectProvider<MeterRegistry> meters) {
        return meters.getIfUnique(() -> Metrics.globalRegistry);
    }
}
