package com.centralstation.verification.app.config;

import com.centralstation.verification.adapters.notification.NotificationProperties;
import com.centralstation.verification.adapters.notification.VoiceProperties;
import com.centralstation.verification.app.inbox.InboxStarter;
import com.centralstation.verification.app.web.voice.CallTwiml;
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
import org.springframework.context.annotation.Lazy;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The web layer's parts: the webhook's signature check, reading of CHeKT's JSON and answer; the zone of shown times; the
 * words of a phone call.
 */
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

    /**
     * The words and questions of a phone call, from the voice channel's settings. Made on the first call's callback:
     * the settings exist only while channel voice is enabled, and no callback gets through without them.
     */
    @Bean
    @Lazy
    CallTwiml callTwiml(VoiceProperties voice, NotificationProperties notification) {
        return new CallTwiml(voice.callerName(), voice.language(), notification.timeZone(), notification.publicBaseUri());
    }

    /** The zone the response page shows alarm times in, as the messages do. */
    @Bean
    ZoneId alarmTimeZone(NotificationProperties notification) {
        return notification.timeZone();
    }

    @Bean
    WebhookReception webhookReception(WebhookSignature signature, ChektWebhookMapper mapper, ReceiveChektDelivery intake,
                                      DeliveryQuarantine quarantine, InboxStarter starter) {
        return new WebhookReception(signature, mapper, intake, quarantine, starter::nudge);
    }
}
