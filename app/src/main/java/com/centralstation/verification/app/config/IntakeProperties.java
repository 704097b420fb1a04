package com.centralstation.verification.app.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * What the webhook intake remembers, and for how long.
 *
 * @param tombstoneExpiry how long a cancellation that arrived before its request still cancels that request
 *                        (CHeKT retries a delivery for up to 24 hours)
 * @param quarantineRetention how long a refused signed delivery is kept
 * @param quarantineMaxEntries the most refused deliveries kept; beyond it the oldest go first, so a flood of
 *                             refusals cannot fill the disk
 * @param purgeInterval how often expired tombstones and old refused deliveries are purged
 */
@Validated
@ConfigurationProperties("verification.intake")
public record IntakeProperties(@NotNull @DefaultValue("PT24H") Duration tombstoneExpiry,
                               @NotNull @DefaultValue("P7D") Duration quarantineRetention,
                               @Min(1) @Max(1_000_000) @DefaultValue("10000") int quarantineMaxEntries,
                               @NotNull @DefaultValue("PT10M") Duration purgeInterval) {

    public IntakeProperties {
        positive("verification.intake.tombstone-expiry", tombstoneExpiry);
        positive("verification.intake.quarantine-retention", quarantineRetention);
        positive("verification.intake.purge-interval", purgeInterval);
    }

    private static void positive(String property, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(property + " must be a positive duration, was " + value);
        }
    }
}
