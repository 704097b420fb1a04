package com.centralstation.verification.app.web.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How CHeKT's webhook deliveries are authenticated and bounded.
 *
 * @param webhookSecret the app's webhook signing secret from CHeKT
 * @param webhookSignatureScheme {@code timestamped} (HMAC over "{timestamp}.{body}", the current scheme) or
 *                               {@code legacy} ({@code x-webhook-signature: sha256=<hex>} over the body alone)
 * @param webhookTolerance how old a signed timestamp may be (and how far in the future) before the delivery is refused
 * @param webhookMaxBody the largest body accepted; larger deliveries are refused unread
 */
@Validated
@ConfigurationProperties("chekt")
public record WebhookProperties(@NotBlank String webhookSecret,
                                @NotNull @DefaultValue("timestamped") SignatureScheme webhookSignatureScheme,
                                @NotNull @DefaultValue("PT5M") Duration webhookTolerance,
                                @NotNull @DefaultValue("64KB") DataSize webhookMaxBody) {

    public enum SignatureScheme {
        TIMESTAMPED, LEGACY
    }

    @Override
    public String toString() {
        return "WebhookProperties[webhookSecret=****, scheme=" + webhookSignatureScheme + ", tolerance=" + webhookTolerance
                + ", maxBody=" + webhookMaxBody + "]";
    }
}
