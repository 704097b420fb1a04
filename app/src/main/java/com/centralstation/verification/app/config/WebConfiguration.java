package com.centralstation.verification.app.config;

import com.centralstation.verification.app.intake.ChektWebhookMapper;
import com.centralstation.verification.app.intake.WebhookIntake;
import com.centralstation.verification.app.web.webhook.WebhookProperties;
import com.centralstation.verification.app.web.webhook.WebhookSignature;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.usecase.CancelVerification;
import com.centralstation.verification.core.usecase.ReceiveVerificationRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Bean
    ChektWebhookMapper chektWebhookMapper(ObjectMapper mapper) {
        return new ChektWebhookMapper(mapper);
    }

    @Bean
    WebhookIntake webhookIntake(DeliveryInbox inbox, ChektWebhookMapper mapper, ReceiveVerificationRequest receive,
                                CancelVerification cancel, AuditTrail audit, Clock clock) {
        return new WebhookIntake(inbox, mapper, receive, cancel, audit, clock);
    }
}
