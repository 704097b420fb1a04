package com.centralstation.verification.app.config;

import com.centralstation.verification.app.intake.ChektWebhookMapper;
import com.centralstation.verification.app.intake.DeliveryQuarantine;
import com.centralstation.verification.app.intake.WebhookIntake;
import com.centralstation.verification.app.web.webhook.ChektWebhookController;
import com.centralstation.verification.app.web.webhook.WebhookAdmission;
import com.centralstation.verification.app.web.webhook.WebhookProperties;
import com.centralstation.verification.app.web.webhook.WebhookReception;
import com.centralstation.verification.app.web.webhook.WebhookSignature;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.usecase.CancelVerification;
import com.centralstation.verification.core.usecase.ReceiveVerificationRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The webhook intake's parts. */
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
    WebhookIntake webhookIntake(DeliveryInbox inbox, ChektWebhookMapper mapper, ReceiveVerificationRequest receive,
                                CancelVerification cancel, AuditTrail audit, Clock clock) {
        return new WebhookIntake(inbox, mapper, receive, cancel, audit, clock);
    }

    @Bean
    WebhookReception webhookReception(WebhookSignature signature, ChektWebhookMapper mapper, WebhookIntake intake,
                                      DeliveryQuarantine quarantine) {
        return new WebhookReception(signature, mapper, intake, quarantine);
    }
}
