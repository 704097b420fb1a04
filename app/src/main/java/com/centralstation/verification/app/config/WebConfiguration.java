package com.centralstation.verification.app.config;

import com.centralstation.verification.app.inbox.InboxStarter;
import com.centralstation.verification.app.web.webhook.ChektWebhookController;
import com.centralstation.verification.app.web.webhook.ChektWebhookMapper;
import com.centralstation.verification.app.web.webhook.WebhookAdmission;
import com.centralstation.verification.app.web.webhook.WebhookProperties;
import com.centralstation.verification.app.web.webhook.WebhookReception;
import com.centralstation.verification.app.web.webhook.WebhookSignature;
import com.centralstation.verification.core.usecase.DeliveryQuarantine;
import com.centralstation.verification.core.usecase.ReceiveChektDelivery;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The webhook adapter's parts: the signature check, the reading of CHeKT's JSON, the answer. */
@Configuration
@EnableConfigurationProperties(WebhookProperties.class)
public class WebConfiguration {

    @Bean
    WebhookSignature webhookSignature(WebhookProperties properties, Clock clock) {
        return new WebhookSignature(properties.webhookSecret(), properties.webhookSignatureScheme(),
                properties.webhookTolerance(), clock);
    }

    /** Before the security filters, so a delivery waiting for its turn costs nothing but its request thread. */
    @Bean
    FilterRegistrationBean<WebhookAdmission> webhookAdmission(WebhookProperties properties, ObjectMapper json,
                                                              MeterRegistry registry) {
        FilterRegistrationBean<WebhookAdmission> registration = new FilterRegistrationBean<>(
                new WebhookAdmission(properties, json, registry));
        registration.addUrlPatterns(ChektWebhookController.PATH);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    @Bean
    ChektWebhookMapper chektWebhookMapper(ObjectMapper mapper) {
        return new ChektWebhookMapper(mapper);
    }

    @Bean
    WebhookReception webhookReception(WebhookSignature signature, ChektWebhookMapper mapper, ReceiveChektDelivery intake,
                                      DeliveryQuarantine quarantine, InboxStarter starter) {
        return new WebhookReception(signature, mapper, intake, quarantine, starter::nudge);
    }
}
