package com.centralstation.verification.adapters.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
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

/**
 * How contacts are reached in this deployment: {@code verification.notification.*}.
 *
 * @param publicBaseUrl where contacts open their response links ({@code {public-base-url}/respond/{token}})
 * @param channels enabled channels in order of preference; a contact gets the first one they have an address for
 * @param linkValidity how long a response link works
 * @param maxAttempts failed attempts after which a contact counts as unreachable and the escalation moves on
 * @param connectTimeout connect timeout of the HTTP channels (SMS gateway, webhook); with the read timeout, part of
 *                       the longest job, which must stay under the job lock time
 * @param readTimeout read timeout of the HTTP channels
 * @param timeZone the zone alarm times are shown in
 */
@Validated
@EnabledChannelsConfigured
@ConfigurationProperties("verification.notification")
public record NotificationProperties(
        @NotNull(message = PREFIX + "public-base-url is required: the address contacts open their response links on")
        @Pattern(regexp = "https?://[^/?#\\s]+[^?#\\s]*",
                message = PREFIX + "public-base-url must be an absolute http(s) URL without query or fragment")
        @Size(max = 120, message = PREFIX + "public-base-url must be at most 120 characters, so the link fits in an SMS")
        String publicBaseUrl,
        @NotEmpty(message = PREFIX + "channels must name at least one channel of sms, email, webhook, log")
        List<Channel> channels,
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
        @DefaultValue("UTC") @NotNull ZoneId timeZone,
        @DefaultValue @Valid Sms sms,
        @DefaultValue @Valid Email email,
        @DefaultValue @Valid Webhook webhook) {

    static final String PREFIX = "verification.notification.";

    public URI publicBaseUri() {
        return URI.create(publicBaseUrl);
    }

    public boolean enabled(Channel channel) {
        return channels != null && channels.contains(channel);
    }

    /** The channel names as written in configuration. */
    public enum Channel {
        SMS, EMAIL, WEBHOOK, LOG;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A Twilio-compatible SMS gateway.
     *
     * @param baseUrl the gateway's root; messages go to {@code {base-url}/2010-04-01/Accounts/{account-sid}/Messages.json}
     */
    public record Sms(@DefaultValue("https://api.twilio.com") URI baseUrl, String accountSid, String authToken,
                      String from) {

        @Override
        public String toString() {
            return "Sms[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken=" + Secrets.mask(authToken)
                    + ", from=" + from + "]";
        }
    }

    /** E-mail over SMTP; the server itself is Spring Boot's {@code spring.mail.*}. */
    public record Email(
            @jakarta.validation.constraints.Email(message = PREFIX + "email.from must be an e-mail address") String from) {
    }

    /**
     * The station's own automation software, told by a signed JSON POST.
     *
     * @param secret shared HMAC-SHA256 key the receiver checks {@code X-Verification-Signature} with
     */
    public record Webhook(URI url, String secret) {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=" + Secrets.mask(secret) + "]";
        }
    }

    static final class Secrets {

        private Secrets() {
        }

        static String mask(String secret) {
            return secret == null || secret.isEmpty() ? "<unset>" : "******";
        }
    }
}
