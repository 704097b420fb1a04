package com.centralstation.verification.app.intake;

import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.RefusedDeliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/** Keeps the intake's memory bounded: expired tombstones go, and refused deliveries past their retention or count. */
public class IntakeHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(IntakeHousekeeping.class);

    private final CancellationTombstones tombstones;
    private final RefusedDeliveries refused;
    private final IntakeProperties properties;
    private final Clock clock;

    public IntakeHousekeeping(CancellationTombstones tombstones, RefusedDeliveries refused, IntakeProperties properties,
                              Clock clock) {
        this.tombstones = tombstones;
        this.refused = refused;
        this.properties = properties;
        this.clock = clock;
    }

    public void purge() {
        Instant now = clock.instant();
        int signals = tombstones.forgetBefore(now.minus(properties.tombstoneExpiry()));
        int deliveries = refused.discard(now.minus(properties.quarantineRetention()), properties.quarantineMaxEntries());
        if (signals > 0 || deliveries > 0) {
            log.info("Purged {} expired tombstones and request markers, {} refused deliveries", signals, deliveries);
        }
    }
}
