package com.centralstation.verification.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A cancellation CHeKT sent for a verification whose request had not arrived yet. CHeKT retries each
 * delivery on its own schedule, so a cancellation can overtake its request; the tombstone makes the
 * request that follows end as cancelled instead of calling anyone.
 *
 * @param reason the cancelling event type ({@code verification.cancelled}, {@code alarm.resolved})
 */
public record Tombstone(UUID verificationId, String reason, Instant at) {

    public Tombstone {
        Objects.requireNonNull(verificationId, "verificationId");
        reason = Require.text(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    /** A tombstone older than {@code expiry} no longer cancels: CHeKT has long stopped retrying its request. */
    public boolean cancelsAt(Instant now, Duration expiry) {
        return !at.plus(expiry).isBefore(now);
    }
}
