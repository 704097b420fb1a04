package com.centralstation.verification.app.intake;

import com.centralstation.verification.core.domain.QuarantinedDelivery;
import com.centralstation.verification.core.domain.RefusedDelivery;
import com.centralstation.verification.core.port.out.RefusedDeliveries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Leaves a trace of every refused CHeKT delivery: a signed one is kept (bytes, signature headers, reason) in
 * the quarantine and logged at WARN; every refusal, signed or not, counts in
 * {@code chekt_webhooks_refused_total{reason}}. Keeping runs in its own transaction, so it stands whatever
 * happened to the intake's.
 */
public class DeliveryQuarantine {

    private static final Logger log = LoggerFactory.getLogger(DeliveryQuarantine.class);

    private final RefusedDeliveries refused;
    private final MeterRegistry registry;
    private final Clock clock;

    public DeliveryQuarantine(RefusedDeliveries refused, MeterRegistry registry, Clock clock) {
        this.refused = refused;
        this.registry = registry;
        this.clock = clock;
        for (RefusalReason reason : RefusalReason.values()) {
            counter(reason);
        }
    }

    /** A delivery whose signature was not checked or did not hold: counted only, since it may not be CHeKT's. */
    public void countUnproven(RefusalReason reason) {
        counter(reason).increment();
    }

    /**
     * A signed delivery that cannot be used. When even keeping it fails (the database is down), the delivery
     * is logged at ERROR instead and the caller still answers its 4xx: CHeKT retries it, and a retry may be kept.
     *
     * @param headers the headers needed to check its signature again
     */
    public void keep(RefusalReason reason, String field, String detail, Map<String, String> headers, byte[] body) {
        counter(reason).increment();
        try {
            long id = refused.keep(new RefusedDelivery(clock.instant(), reason.tag(), field, detail, headers, body));
            log.warn("Refused a signed CHeKT delivery ({}, field {}): {}; kept as refused delivery {} ({} bytes)",
                    reason.tag(), field, detail, id, body.length);
        } catch (RuntimeException notKept) {
            log.error("Refused a signed CHeKT delivery ({}, field {}): {}; it could not be kept ({} bytes, headers {})",
                    reason.tag(), field, detail, body.length, headers, notKept);
        }
    }

    /** The kept deliveries, newest first. */
    public List<QuarantinedDelivery> newestFirst(int limit) {
        return refused.newestFirst(limit);
    }

    private Counter counter(RefusalReason reason) {
        return Counter.builder("chekt.webhooks.refused")
                .description("CHeKT webhook deliveries refused, by reason; signed ones are kept in the quarantine")
                .tag("reason", reason.tag())
                .register(registry);
    }
}
