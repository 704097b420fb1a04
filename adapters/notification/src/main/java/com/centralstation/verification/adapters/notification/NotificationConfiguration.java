package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.adapters.notification.NotificationProperties.Channel;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact channels and the {@link ContactNotifier} over them. Expects a {@link NotificationLog} bean
 * from the application, a {@link JavaMailSender} (Spring Boot's, from
 * {@code spring.mail.host}) when e-mail is enabled, and uses a {@link Clock} bean when there is one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationProperties.class, VoiceProperties.class})
public class NotificationConfiguration {

    @Bean
    ContactNotifier contactNotifier(NotificationProperties properties, NotificationLog notificationLog, ObjectProvider<JavaMailSender> mailSender,
                                    ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        return new ChannelContactNotifier(channels(properties, mailSender, time), notificationLog,
                properties.publicBaseUri(), properties.maxAttempts(), time);
    }

    static List<NotificationChannel> channels(NotificationProperties properties,
                                              ObjectProvider<JavaMailSender> mailSender, Clock clock) {
        MessageText text = new MessageText(properties.timeZone());
        ClientHttpRequestFactory http = HttpDelivery.requestFactory(properties.connectTimeout(), properties.readTimeout());
        List<NotificationChannel> channels = new ArrayList<>();
        for (Channel channel : properties.channels().stream().distinct().toList()) {
            channels.add(switch (channel) {
                case SMS -> new SmsGatewayChannel(properties.sms(), http, text);
                case EMAIL -> new SmtpEmailChannel(mailSender.getIfAvailable(() -> {
                    throw new IllegalStateException("verification.notification.channels enables email, but there is"
                            + " no mail server: set spring.mail.host (and spring.mail.port, username, password)");
                }), properties.email().from(), text);
                case WEBHOOK -> new SignedWebhookChannel(properties.webhook(), http, clock);
                case LOG -> new LogChannel();
            });
        }
        return channels;
    }
}
