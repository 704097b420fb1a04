package com.centralstation.verification.adapters.notification;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Channel {@code webhook}, imported when enabled ({@link ChannelCatalog}): the station's automation, told by a
 * signed POST.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignedWebhookProperties.class)
class SignedWebhookChannelConfiguration {

    @Bean
    NotificationChannel webhookChannel(SignedWebhookProperties settings, HttpTimeouts timeouts,
                                       ObjectProvider<Clock> clock) {
        return new SignedWebhookChannel(settings, timeouts, clock.getIfAvailable(Clock::systemUTC));
    }
}
