package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.QuarantinedDelivery;
import com.centralstation.verification.core.domain.RefusalReason;
import com.centralstation.verification.core.domain.RefusedDelivery;
import com.centralstation.verification.core.port.out.RefusedDeliveries;
import com.centralstation.verification.core.port.out.VerificationMetrics;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Leaves a trace of every refused CHeKT delivery, so nothing signed is dropped without one: a signed delivery that
 * cannot be used is kept (bytes, signature headers, reason) in the quarantine, in a transaction of its own so it
 * stands whatever happened to the intake's; every refusal, signed or not, is counted.
 */
public final class DeliveryQuarantine {

    private final RefusedDeliveries refused;
    private final VerificationMetrics metrics;
    private final Clock clock;
    private final Duration retention;
    private final int maxEntries;

    /**
     * @param retention  how long a kept delivery stays ({@link IntakeHousekeeping} discards it then)
     * @param maxEntries the most deliveries kept
     */
    public DeliveryQuarantine(RefusedDeliveries refused, VerificationMetrics metrics, Clock clock, Duration retention,
                              int maxEntries) {
        this.refused = refused;
        this.metrics = metrics;
        this.clock = clock;
        this.retention = Objects.requireNonNull(retention, "retention");
        this.maxEntries = maxEntries;
    }

    /** A delivery whose signature was not checked or did not hold: counted only, since it may not be CHeKT's. */
    public void countUnproven(RefusalReason reason) {
        metrics.deliveryRefused(reason);
    }

    /**
     * A signed delivery that cannot be used: counted and kept. Keeping it may fail (the database is down); the
     * delivery is still refused then, and CHeKT's retry may be kept.
     *
     * @param field   the part of the delivery at fault, such as {@code data.verification_id}
     * @param headers the headers needed to check its signature again
     * @return the id it was kept under; empty when it could not be kept
     */
    public Kept keep(RefusalReason reason, String field, String detail, Map<String, String> headers, byte[] body) {
        metrics.deliveryRefused(reason);
        try {
            return new Kept(OptionalLong.of(refused.keep(new RefusedDelivery(clock.instant(), reason.tag(), field, detail,
                    headers, body))), null);
        } catch (RuntimeException notKept) {
            return new Kept(OptionalLong.empty(), notKept);
        }
    }

    /** The kept deliveries, newest first, with how long and how many the quarantine keeps. */
    public Listing newestFirst(int limit) {
        return new Listing(refused.newestFirst(limit), retention, maxEntries);
    }

    /**
     * @param id      the quarantine's id of the delivery; empty when it could not be kept
     * @param failure why it could not be kept, when it could not
     */
    public record Kept(OptionalLong id, RuntimeException failure) {
    }

    public record Listing(List<QuarantinedDelivery> deliveries, Duration retention, int maxEntries) {
    }
}
