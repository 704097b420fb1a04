package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contact channels and the {@link ContactNotifier} over them. Expects a {@link NotificationLog} bean from the
 * application, and uses a {@link Clock} bean when there is one, and the {@link SentLinks} beans when there are any
 * (the demo's). {@link ChannelCatalog} imports the configuration of
 * each enabled channel.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
@Import(ChannelCatalog.class)
public class NotificationConfiguration {

    /** The names of the channels a deployment may enable. */
    public static List<String> knownChannels() {
        return ChannelCatalog.names();
    }

    @Bean
    MessageText messageText(NotificationProperties properties) {
        return new MessageText(properties.timeZone());
    }

    @Bean
    HttpTimeouts httpTimeouts(NotificationProperties properties) {
        return new HttpTimeouts(properties.connectTimeout(), properties.readTimeout());
    }

    @Bean
    EnabledChannels enabledChannels(NotificationProperties properties, ObjectProvider<NotificationChannel> made) {
        Map<String, NotificationChannel> byName = made.stream()
                .collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
        return new EnabledChannels(properties.channels().stream().map(name -> {
            NotificationChannel channel = byName.get(name);
            if (channel == null) {
                throw new IllegalStateException("channel " + name + " is enabled, but its configuration made no channel"
                        + " named " + name + " (its NotificationChannel.name() must be the name it is enabled by)");
            }
            return channel;
        }).toList());
    }

    @Bean
    ContactNotifier contactNotifier(NotificationProperties properties, EnabledChannels channels,
                                    NotificationLog notificationLog, ObjectProvider<Clock> clock,
                                    ObjectProvider<SentLinks> sentLinks) {
        return new ChannelContactNotifier(channels.inOrder(), notificationLog, properties.publicBaseUri(),
                properties.maxAttempts(), clock.getIfAvailable(Clock::systemUTC), sentLinks.orderedStream().toList());
    }
}
