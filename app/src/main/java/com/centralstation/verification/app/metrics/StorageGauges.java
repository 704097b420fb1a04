package com.centralstation.verification.app.metrics;

import com.centralstation.verification.app.storage.DataDirectorySpace;
import com.centralstation.verification.app.storage.StorageOutage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What a dashboard alarms on before and during a full disk: the data directory's free space and the alert threshold
 * it is compared with, and whether the database is writing ({@code verification_storage_unavailable} is 1 during an
 * outage). Read from this node's own disk and heartbeat: each node reports its own.
 */
public final class StorageGauges implements MeterBinder {

    private final DataDirectorySpace space;
    private final StorageOutage outage;

    public StorageGauges(DataDirectorySpace space, StorageOutage outage) {
        this.space = space;
        this.outage = outage;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("verification.data.dir.free", space, DataDirectorySpace::free)
                .description("Free space on the file system of verification.data-dir (where the embedded H2 file lives)")
                .baseUnit(BaseUnits.BYTES)
                .strongReference(true)
                .register(registry);
        Gauge.builder("verification.data.dir.low.space.alert", space, DataDirectorySpace::alertBelow)
                .description("Below this much free space supervisors are alerted (verification.storage.low-space-alert)")
                .baseUnit(BaseUnits.BYTES)
                .strongReference(true)
                .register(registry);
        Gauge.builder("verification.storage.unavailable", outage, storage -> storage.current().isPresent() ? 1 : 0)
                .description("1 while the database cannot write (webhooks and decisions are answered 503), else 0")
                .strongReference(true)
                .register(registry);
    }
}
