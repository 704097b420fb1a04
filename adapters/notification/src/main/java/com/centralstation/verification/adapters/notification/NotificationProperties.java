package com.centralstation.verification.adapters.notification;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * How contacts are reached in this deployment: {@code verification.notification.*}. Each channel's own settings are
 * a record of its own ({@code verification.notification.<channel>.*}), bound and checked only when it is enabled.
 *
 * @param publicBaseUrl where contacts open their response links ({@code {public-base-url}/respond/{token}})
 * @param channels enabled channels in order of preference, by name ({@link ChannelCatalog});
 *                 a contact gets the first one they have an address for
 * @param linkValidity how long a response link works
 * @param maxAttempts failed attempts after which a contact counts as unreachable and the escalation moves on
 * @param connectTimeout connect timeout of the HTTP channels (SMS gateway, webhook); with the read timeout, part of
 *                       the longest job, which must stay under the job lock time
 * @param readTimeout read timeout of the HTTP channels
 * @param timeZone the zone alarm times are shown in
 */
@Validated
@ConfigurationProperties(NotificationProperties.PREFIX_NAME)
public record NotificationProperties(
        @NotNull(message = PREFIX + "public-base-url is required: the address contacts open their response links on")
        @Pattern(regexp = "https?://[^/?#\\s]+[^?#\\s]*",
                message = PREFIX + "public-base-url must be an absolute http(s) URL without query or fragment")
        @Size(max = 120, message = PREFIX + "public-base-url must be at most 120 characters, so the link fits in an SMS")
        String publicBaseUrl,
        List<String> channels,
        @DefaultValue("PT24H") @NotNull
        @DurationMin(minutes = 1, message = PREFIX + "link-validity must be at least one minute")
        Duration linkValidity,
        @DefaultValue("3") @Min(value = 1, message = PREFIX + "max-attempts must be at least 1") int maxAttempts,
        @DefaultValue("PT2S") @NotNull
        @DurationMin(millis = 1, message = PREFIX + "connect-timeout must be positive")
        @DurationMax(seconds = 20, message = PREFIX + "connect-timeout must be at most 20 s: a notification must end within the job lock time")
        Duration connectTimeout,
        @DefaultValue("PT5S") @NotNull
        @DurationMin(millis = 1, message = PREFIX + "read-timeout must be positive")
        @DurationMax(seconds = 20, message = PREFIX + "read-timeout must be at most 20 s: a notification must end within the job lock time")
        Duration readTimeout,
        @DefaultValue("UTC") @NotNull ZoneId timeZone) {

    static final String PREFIX_NAME = "verification.notification";
    static final String PREFIX = PREFIX_NAME + ".";
    /** The property that enables channels, as an operator writes it. */
    static final String CHANNELS = PREFIX + "channels";

    public NotificationProperties {
        channels = names(channels);
    }

    public URI publicBaseUri() {
        return URI.create(publicBaseUrl);
    }

    /** Channel names as compared: trimmed, lower case, each once, blanks dropped. */
    static List<String> names(List<String> configured) {
        return configured == null ? List.of() : configured.stream().filter(name -> name != null && !name.isBlank())
                .map(name -> name.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
