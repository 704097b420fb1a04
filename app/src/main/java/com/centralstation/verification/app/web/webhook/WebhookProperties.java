package com.centralstation.verification.app.web.webhook;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * @param webhookConcurrency how many deliveries are handled at once; the others wait their turn, so a storm of
 *                           webhooks never takes every thread, connection and core from the station's decisions
 * @param webhookTurnWait how long a delivery waits for its turn before it is answered 503 (CHeKT retries it)
 * @param webhookRetryAfter the {@code Retry-After} of that 503
 */
@Validated
@ConfigurationProperties("chekt")
public record WebhookProperties(@NotBlank String webhookSecret,
                                @NotNull @DefaultValue("timestamped") SignatureScheme webhookSignatureScheme,
                                @NotNull @DefaultValue("PT5M") Duration webhookTolerance,
                                @NotNull @DefaultValue("64KB") DataSize webhookMaxBody,
                                @Min(1) @Max(64) @DefaultValue("4") int webhookConcurrency,
                                @NotNull @DefaultValue("4s") Duration webhookTurnWait,
                                @NotNull @DefaultValue("5s") Duration webhookRetryAfter) {

    @AssertTrue(message = "chekt.webhook-turn-wait must be between 0 and 30 s")
    public boolean isWebhookTurnWaitValid() {
        return webhookTurnWait == null || (!webhookTurnWait.isNegative() && webhookTurnWait.compareTo(Duration.ofSeconds(30)) <= 0);
    }

    @AssertTrue(message = "chekt.webhook-retry-after must be whole seconds between 1 s and 1 h")
    public boolean isWebhookRetryAfterValid() {
        return webhookRetryAfter == null || (webhookRetryAfter.toMillis() % 1000 == 0
                && webhookRetryAfter.compareTo(Duration.ofSeconds(1)) >= 0 && webhookRetryAfter.compareTo(Duration.ofHours(1)) <= 0);
    }

    public enum SignatureScheme {
        TIMESTAMPED, LEGACY
    }

    @Override
    public String toString() {
        return "WebhookProperties[webhookSecret=****, scheme=" + webhookSignatureScheme + ", tolerance=" + webhookTolerance
                + ", maxBody=" + webhookMaxBody + ", concurrency=" + webhookConcurrency + ", turnWait=" + webhookTurnWait
                + ", retryAfter=" + webhookRetryAfter + "]";
    }
}
