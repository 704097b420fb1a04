package com.centralstation.verification.adapters.notification;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels this service knows, each by its name in {@code verification.notification.channels} and the
 * configuration that brings it (its settings record, bound and checked, and its {@link NotificationChannel}). Only
 * the configurations of the channels a deployment enables are imported, so a disabled channel's settings may stay
 * empty. A new channel is one entry here.
 */
final class ChannelCatalog implements ImportSelector, EnvironmentAware {

    private static final Map<String, Class<?>> CONFIGURATIONS = new LinkedHashMap<>();

    static {
        CONFIGURATIONS.put("sms", SmsChannelConfiguration.class);
        CONFIGURATIONS.put("email", EmailChannelConfiguration.class);
        CONFIGURATIONS.put("webhook", SignedWebhookChannelConfiguration.class);
        CONFIGURATIONS.put("log", LogChannelConfiguration.class);
        CONFIGURATIONS.put("voice", VoiceChannelConfiguration.class);
    }

    private Environment environment;

    /** The names of the channels a deployment may enable. */
    static List<String> names() {
        return List.copyOf(CONFIGURATIONS.keySet());
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /**
     * @throws InvalidConfigurationPropertyValueException naming the property and the known channels when it names
     *         none or an unknown one; before any channel's settings are bound, so that is what an operator reads first
     */
    @Override
    public String[] selectImports(AnnotationMetadata importingClass) {
        List<String> configured = NotificationProperties.names(Binder.get(environment)
                .bind(NotificationProperties.CHANNELS, Bindable.listOf(String.class)).orElse(List.of()));
        if (configured.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException(NotificationProperties.CHANNELS, "",
                    NotificationProperties.CHANNELS + " must name at least one channel of "
                            + String.join(", ", names()));
        }
        List<String> unknown = configured.stream().filter(name -> !CONFIGURATIONS.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException(NotificationProperties.CHANNELS,
                    String.join(",", configured), "unknown channel " + String.join(", ", unknown)
                    + "; the channels are " + String.join(", ", names()));
        }
        return configured.stream().map(name -> CONFIGURATIONS.get(name).getName()).toArray(String[]::new);
    }
}
