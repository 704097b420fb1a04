package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.QuarantinedDelivery;
import com.centralstation.verification.core.domain.RefusedDelivery;
import com.centralstation.verification.core.port.out.RefusedDeliveries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The quarantine in memory; {@link #down} makes keeping fail, as a database that is down would. */
public final class InMemoryRefusedDeliveries implements RefusedDeliveries {

    public final List<QuarantinedDelivery> kept = new CopyOnWriteArrayList<>();
    public volatile boolean down;
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long keep(RefusedDelivery delivery) {
        if (down) {
            throw new IllegalStateException("database unavailable");
        }
        long id = ids.incrementAndGet();
        kept.add(new QuarantinedDelivery(id, delivery));
        return id;
    }

    @Override
    public List<QuarantinedDelivery> newestFirst(int limit) {
        List<QuarantinedDelivery> newest = new ArrayList<>(kept);
        Collections.reverse(newest);
        return newest.subList(0, Math.min(limit, newest.size()));
    }

    @Override
    public int discard(Instant cutoff, int keepAtMost) {
        int before = kept.size();
        kept.removeIf(k -> k.delivery().receivedAt().isBefore(cutoff));
        while (kept.size() > Math.max(keepAtMost, 0)) {
            kept.remove(0);
        }
        return before - kept.size();
    }
}
