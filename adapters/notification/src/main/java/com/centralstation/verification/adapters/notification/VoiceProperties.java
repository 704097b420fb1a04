package com.centralstation.verification.adapters.notification;

import jakarta.validation.constraints.NotBlank;
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

/**
 * Channel {@code voice}: phone calls through a Twilio-compatible voice provider, {@code verification.notification.voice.*}.
 * Bound and checked only when the channel is enabled.
 *
 * @param baseUrl the provider's root; calls are placed at {@code {base-url}/2010-04-01/Accounts/{account-sid}/Calls.json}
 * @param authToken the account's secret: the HTTP Basic password of the provider's API, and the key every callback
 *                  of the provider is signed with ({@code X-Twilio-Signature})
 * @param from the number calls come from (one the account owns)
 * @param ringTimeout how long a call rings before it counts as not answered (Twilio's {@code Timeout}, 5 s to 10 min)
 * @param language the language the call's words are spoken in ({@code <Say language="...">}, e.g. en-US, en-GB)
 * @param callerName who is calling, as the contact hears it ("This is {caller-name}, calling about an alarm ...")
 */
@Validated
@ConfigurationProperties(NotificationProperties.PREFIX + "voice")
public record VoiceProperties(
        @DefaultValue("https://api.twilio.com")
        @HttpUrl(message = NotificationProperties.PREFIX
                + "voice.base-url must be an absolute http(s) URL when channel voice is enabled")
        URI baseUrl,
        @NotBlank(message = NotificationProperties.PREFIX + "voice.account-sid is required when channel voice is enabled")
        String accountSid,
        @NotBlank(message = NotificationProperties.PREFIX + "voice.auth-token is required when channel voice is enabled")
        String authToken,
        @NotBlank(message = NotificationProperties.PREFIX + "voice.from is required when channel voice is enabled")
        String from,
        @DefaultValue("PT30S") @NotNull
        @DurationMin(seconds = 5, message = NotificationProperties.PREFIX + "voice.ring-timeout must be at least 5 s")
        @DurationMax(minutes = 10, message = NotificationProperties.PREFIX + "voice.ring-timeout must be at most 10 minutes")
        Duration ringTimeout,
        @DefaultValue("en-US")
        @Pattern(regexp = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,4})?", message = NotificationProperties.PREFIX
                + "voice.language must be a language tag such as en-US")
        String language,
        @DefaultValue("your alarm monitoring station")
        @NotBlank(message = NotificationProperties.PREFIX + "voice.caller-name must not be blank")
        @Size(max = 80, message = NotificationProperties.PREFIX + "voice.caller-name must be at most 80 characters")
        String callerName) {

    @Override
    public String toString() {
        return "VoiceProperties[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken="
                + Secrets.mask(authToken) + ", from=" + from + ", ringTimeout=" + ringTimeout + ", language=" + language
                + ", callerName=" + callerName + "]";
    }
}
