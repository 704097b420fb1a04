package com.centralstation.verification.adapters.notification;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Channel {@code email}, imported when enabled ({@link ChannelCatalog}): SMTP through Spring Boot's
 * {@link JavaMailSender} ({@code spring.mail.host}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmailProperties.class)
class EmailChannelConfiguration {

    @Bean
    NotificationChannel emailChannel(EmailProperties settings, ObjectProvider<JavaMailSender> mailSender,
                                     MessageText text) {
        return new SmtpEmailChannel(mailSender.getIfAvailable(() -> {
            throw new IllegalStateException(NotificationProperties.CHANNELS + " enables email, but there is no mail"
                    + " server: set spring.mail.host (and spring.mail.port, username, password)");
        }), settings.from(), text);
    }
}
