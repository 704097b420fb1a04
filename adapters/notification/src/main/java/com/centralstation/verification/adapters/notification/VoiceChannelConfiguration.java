package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.port.out.PhoneCalls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Channel {@code voice}, imported when enabled ({@link ChannelCatalog}): phone calls through a Twilio-compatible
 * provider. Expects a {@link PhoneCalls} bean from the application, where the calls are kept for their callbacks.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VoiceProperties.class)
class VoiceChannelConfiguration {

    @Bean
    NotificationChannel voiceChannel(VoiceProperties settings, HttpTimeouts timeouts, PhoneCalls calls,
                                     NotificationProperties notification, ObjectProvider<Clock> clock) {
        return new VoiceCallChannel(settings, timeouts, calls, notification.publicBaseUri(),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
