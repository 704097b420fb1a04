package com.centralstation.verification.adapters.notification;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;

/**
 * Channel {@code webhook}: the station's own automation software, told by a signed JSON POST,
 * {@code verification.notification.webhook.*}. Bound and checked only when the channel is enabled.
 *
 * @param secret shared HMAC-SHA256 key the receiver checks {@code X-Verification-Signature} with
 */
@Validated
@ConfigurationProperties(NotificationProperties.PREFIX + "webhook")
public record SignedWebhookProperties(
        @HttpUrl(message = NotificationProperties.PREFIX
                + "webhook.url must be an absolute http(s) URL when channel webhook is enabled")
        URI url,
        @NotBlank(message = NotificationProperties.PREFIX + "webhook.secret is required when channel webhook is enabled")
        String secret) {

    @Override
    public String toString() {
        return "SignedWebhookProperties[url=" + url + ", secret=" + Secrets.mask(secret) + "]";
    }
}
