package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.QuarantinedDelivery;
import com.centralstation.verification.core.domain.RefusedDelivery;

import java.time.Instant;
import java.util.List;

/** The quarantine of signed CHeKT deliveries that could not be used. */
public interface RefusedDeliveries {

    /** Keeps the delivery in a transaction of its own, whatever becomes of the caller's; returns its id. */
    long keep(RefusedDelivery delivery);

    /** The newest first, at most {@code limit}. */
    List<QuarantinedDelivery> newestFirst(int limit);

    /** Discards those received before {@code cutoff}, then all but the newest {@code keepAtMost}; returns how many went. */
    int discard(Instant cutoff, int keepAtMost);
}
