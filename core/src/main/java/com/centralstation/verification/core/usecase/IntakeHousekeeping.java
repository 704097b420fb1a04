package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.RefusedDeliveries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Keeps the intake's memory bounded: expired tombstones go, and refused deliveries past their retention or count. */
public final class IntakeHousekeeping {

    private final CancellationTombstones tombstones;
    private final RefusedDeliveries refused;
    private final Clock clock;
    private final Duration tombstoneExpiry;
    private final Duration quarantineRetention;
    private final int quarantineMaxEntries;

    public IntakeHousekeeping(CancellationTombstones tombstones, RefusedDeliveries refused, Clock clock,
                              Duration tombstoneExpiry, Duration quarantineRetention, int quarantineMaxEntries) {
        this.tombstones = tombstones;
        this.refused = refused;
        this.clock = clock;
        this.tombstoneExpiry = tombstoneExpiry;
        this.quarantineRetention = quarantineRetention;
        this.quarantineMaxEntries = quarantineMaxEntries;
    }

    public Purged purge() {
        Instant now = clock.instant();
        int signals = tombstones.forgetBefore(now.minus(tombstoneExpiry));
        int deliveries = refused.discard(now.minus(quarantineRetention), quarantineMaxEntries);
        return new Purged(signals, deliveries);
    }

    /**
     * @param signals    tombstones and request markers forgotten
     * @param deliveries refused deliveries discarded
     */
    public record Purged(int signals, int deliveries) {

        public boolean any() {
            return signals > 0 || deliveries > 0;
        }
    }
}
