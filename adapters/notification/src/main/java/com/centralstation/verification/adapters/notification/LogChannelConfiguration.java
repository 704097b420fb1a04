package com.centralstation.verification.adapters.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Channel {@code log}, imported when enabled ({@link ChannelCatalog}): the link in the service's log (demo, tests);
 * it needs no setting.
 */
@Configuration(proxyBeanMethods = false)
class LogChannelConfiguration {

    @Bean
    NotificationChannel logChannel() {
        return new LogChannel();
    }
}
