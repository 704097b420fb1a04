package com.centralstation.verification.adapters.notification;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Channel {@code sms}, imported when enabled ({@link ChannelCatalog}): a Twilio-compatible gateway. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsProperties.class)
class SmsChannelConfiguration {

    @Bean
    NotificationChannel smsChannel(SmsProperties settings, HttpTimeouts timeouts, MessageText text) {
        return new SmsGatewayChannel(settings, timeouts, text);
    }
}
