package com.centralstation.verification.adapters.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Phone calls through a Twilio-compatible voice provider: {@code verification.notification.voice.*}.
 *
 * @param baseUrl the provider's root; calls are placed at {@code {base-url}/2010-04-01/Accounts/{account-sid}/Calls.json}
 * @param authToken the account's secret: HTTP Basic password of the API, and the key every callback is signed with
 * @param from the number calls come from (one the account owns)
 * @param ringTimeout how long a call rings before it counts as not answered
 * @param language the language the call's words are spoken in ({@code <Say language="...">})
 * @param callerName who is calling, as the contact hears it
 */
@ConfigurationProperties("verification.notification.voice")
public record VoiceProperties(@DefaultValue("https://api.twilio.com") URI baseUrl, String accountSid, String authToken,
                              String from, @DefaultValue("PT30S") Duration ringTimeout, @DefaultValue("en-US") String language,
                              @DefaultValue("your alarm monitoring station") String callerName) {

    @Override
    public String toString() {
        return "Voice[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken="
                + NotificationProperties.Secrets.mask(authToken) + ", from=" + from + ", ringTimeout=" + ringTimeout
                + ", language=" + language + ", callerName=" + callerName + "]";
    }
}
