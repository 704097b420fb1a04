package com.centralstation.verification.adapters.chekt;

import feign.Client;
import feign.Logger;
import feign.Request;
import feign.RequestInterceptor;
import feign.Response;
import feign.Retryer;
import feign.codec.Decoder;
import feign.codec.Encoder;
import feign.codec.ErrorDecoder;
import feign.hc5.ApacheHttp5Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import feign.slf4j.Slf4jLogger;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.openfeign.FeignLoggerFactory;
import org.springframework.cloud.openfeign.clientconfig.FeignClientConfigurer;
import org.springframework.cloud.openfeign.support.ResponseEntityDecoder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The Feign set-up of each CHeKT client, in the client's own child context. Not a {@code @Configuration} on
 * purpose: it must never be picked up by component scanning and so leak into other Feign clients.
 *
 * <p>It also ignores the parent context's Feign settings ({@code spring.cloud.openfeign.client.config.default.*},
 * global interceptors and retryers): any such property would otherwise replace these timeouts with Feign's
 * 10 s / 60 s defaults, or add a retry layer. Everything about talking to CHeKT is decided here.
 */
class ChektFeignClientConfiguration {

    /** Enough for an alarm storm's concurrent submissions to one host. */
    private static final int MAX_CONNECTIONS = 50;

    @Bean
    FeignClientConfigurer chektFeignClientConfigurer() {
        return new FeignClientConfigurer() {
            @Override
            public boolean inheritParentConfiguration() {
                return false;
            }
        };
    }

    @Bean
    Encoder chektEncoder() {
        return new JacksonEncoder(ChektJson.MAPPER);
    }

    /** Spring's {@link ResponseEntityDecoder} hands a method that asks for it the answer's status with the body. */
    @Bean
    Decoder chektDecoder() {
        return new ResponseEntityDecoder(new JacksonDecoder(ChektJson.MAPPER));
    }

    @Bean
    ErrorDecoder chektErrorDecoder(ObjectProvider<Clock> clock) {
        return new ChektErrorDecoder(clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    RequestInterceptor chektBearerToken(ChektAccessTokens tokens) {
        return template -> template
                .removeHeader(HttpHeaders.AUTHORIZATION)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.accessToken(
                        ChektErrorDecoder.traceId(template.headers())));
    }

    /** The engine's job retries are the one retry layer; the single 401 refresh is done by {@link ChektCalls}. */
    @Bean
    Retryer chektRetryer() {
        return Retryer.NEVER_RETRY;
    }

    @Bean
    Request.Options chektOptions(ChektProperties properties) {
        return new Request.Options(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false);
    }

    @Bean
    Logger.Level chektLogLevel(ChektProperties properties) {
        return Logger.Level.valueOf(properties.httpLogLevel().name());
    }

    /** Feign's wire log would otherwise print the bearer token. */
    @Bean
    FeignLoggerFactory chektLoggerFactory() {
        return type -> new Slf4jLogger(type) {
            @Override
            protected boolean shouldLogRequestHeader(String header) {
                return !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(header);
            }
        };
    }

    /**
     * Apache HttpClient 5, because the JDK's HttpURLConnection cannot send PATCH. Its own retries and redirects
     * are off (it would otherwise retry a GET on 503), and waiting for a pooled connection is bounded too.
     */
    @Bean
    Client chektHttpClient(ChektProperties properties) {
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout read = Timeout.of(properties.readTimeout());
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictExpiredConnections()
                .build();
        return new ClosingClient(new ApacheHttp5Client(http), http);
    }

    /** Lets Spring close the connection pool with the client's context. */
    static final class ClosingClient implements Client, AutoCloseable {

        private final Client delegate;
        private final CloseableHttpClient http;

        ClosingClient(Client delegate, CloseableHttpClient http) {
            this.delegate = delegate;
            this.http = http;
        }

        @Override
        public Response execute(Request request, Request.Options options) throws IOException {
            return delegate.execute(request, options);
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
    }
}
