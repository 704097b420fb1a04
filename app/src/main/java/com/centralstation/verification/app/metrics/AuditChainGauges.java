package com.centralstation.verification.app.metrics;

import com.centralstation.verification.core.domain.AuditTrailHead;
import com.centralstation.verification.core.port.out.AuditTrail;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The audit trail's head as gauges, read from the database at each scrape: the newest sealed row's number and
 * the start of its hash. A metrics store off this machine keeps their history, which the database cannot rewrite:
 * the row number only grows, and a row keeps its hash, so a head that moves back or a hash that changes for the
 * same row means the newest rows were removed or rewritten (docs/supervision.md, "Hash-chained audit").
 */
public final class AuditChainGauges implements MeterBinder {

    /** The hash's first 12 hex digits: 48 bits, which a gauge's double holds exactly. */
    static final int HASH_DIGITS = 12;

    private final AuditTrail audit;

    public AuditChainGauges(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("verification.audit.chain.head.row", audit,
                        trail -> trail.newestSealedRow().map(AuditTrailHead::row).orElse(0L))
                .description("Number of the newest sealed audit row; it never decreases")
                .strongReference(true)
                .register(registry);
        Gauge.builder("verification.audit.chain.head.hash", audit,
                        trail -> trail.newestSealedRow().map(AuditChainGauges::hashPrefix).orElse(0L))
                .description("First 12 hex digits of the newest sealed audit row's hash, as a number; a row keeps it")
                .strongReference(true)
                .register(registry);
    }

    static long hashPrefix(AuditTrailHead head) {
        return Long.parseLong(head.hash().substring(0, HASH_DIGITS), 16);
    }
}
