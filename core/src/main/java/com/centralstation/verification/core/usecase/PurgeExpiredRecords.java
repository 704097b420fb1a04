package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.port.out.ExpiredRecords;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the tables that grow with every alarm bounded: once a verification ended longer ago than the retention, its
 * raw webhook bodies, response-link tokens and notification attempts go. The verification, its notified contacts,
 * its phone calls and its audit trail (the evidence pack) stay. Works in small batches, so that a purge never holds
 * locks or a transaction for long.
 */
public final class PurgeExpiredRecords {

    /** Verifications (or unattached deliveries) per batch: each batch is a few short statements. */
    static final int BATCH = 100;

    private final ExpiredRecords records;
    private final Clock clock;
    private final Duration retention;

    /** @param retention how long after a verification ended its records are kept */
    public PurgeExpiredRecords(ExpiredRecords records, Clock clock, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        this.records = records;
        this.clock = clock;
        this.retention = retention;
    }

    public Purged purge() {
        Instant cutoff = clock.instant().minus(retention);
        int ofVerifications = 0;
        for (int removed = records.removeOfVerificationsEndedBefore(cutoff, BATCH); removed > 0;
             removed = records.removeOfVerificationsEndedBefore(cutoff, BATCH)) {
            ofVerifications += removed;
        }
        int unattached = 0;
        for (int removed = records.removeUnattachedDeliveriesBefore(cutoff, BATCH); removed > 0;
             removed = records.removeUnattachedDeliveriesBefore(cutoff, BATCH)) {
            unattached += removed;
        }
        return new Purged(ofVerifications, unattached);
    }

    /**
     * @param ofVerifications rows removed that belonged to verifications ended before the cutoff
     * @param unattached      webhook deliveries removed that belonged to no verification
     */
    public record Purged(int ofVerifications, int unattached) {

        public boolean any() {
            return ofVerifications > 0 || unattached > 0;
        }
    }
}
