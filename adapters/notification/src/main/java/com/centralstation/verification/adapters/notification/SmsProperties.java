package com.centralstation.verification.adapters.notification;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;

/**
 * Channel {@code sms}: a Twilio-compatible SMS gateway, {@code verification.notification.sms.*}. Bound and checked
 * only when the channel is enabled.
 *
 * @param baseUrl the gateway's root; messages go to {@code {base-url}/2010-04-01/Accounts/{account-sid}/Messages.json}
 */
@Validated
@ConfigurationProperties(NotificationProperties.PREFIX + "sms")
public record SmsProperties(
        @DefaultValue("https://api.twilio.com")
        @HttpUrl(message = NotificationProperties.PREFIX
                + "sms.base-url must be an absolute http(s) URL when channel sms is enabled")
        URI baseUrl,
        @NotBlank(message = NotificationProperties.PREFIX + "sms.account-sid is required when channel sms is enabled")
        String accountSid,
        @NotBlank(message = NotificationProperties.PREFIX + "sms.auth-token is required when channel sms is enabled")
        String authToken,
        @NotBlank(message = NotificationProperties.PREFIX + "sms.from is required when channel sms is enabled")
        String from) {

    @Override
    public String toString() {
        return "SmsProperties[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken=" + Secrets.mask(authToken)
                + ", from=" + from + "]";
    }
}
