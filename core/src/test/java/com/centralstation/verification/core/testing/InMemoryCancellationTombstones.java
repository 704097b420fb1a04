package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.Tombstone;
import com.centralstation.verification.core.port.out.CancellationTombstones;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Thread-safe: the first signal per verification wins, as the table's primary key makes it in the JDBC adapter. */
public final class InMemoryCancellationTombstones implements CancellationTombstones {

    private static final String REQUESTED = "verification.requested";

    private final Map<UUID, Tombstone> firstSignals = new ConcurrentHashMap<>();

    @Override
    public Optional<Tombstone> requestArrived(UUID verificationId, Instant at) {
        Tombstone earlier = firstSignals.putIfAbsent(verificationId, new Tombstone(verificationId, REQUESTED, at));
        return Optional.ofNullable(earlier).filter(signal -> !REQUESTED.equals(signal.reason()));
    }

    @Override
    public boolean leave(Tombstone tombstone) {
        return firstSignals.putIfAbsent(tombstone.verificationId(), tombstone) == null;
    }

    @Override
    public Optional<Tombstone> cancellation(UUID verificationId) {
        return tombstone(verificationId);
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        int before = firstSignals.size();
        firstSignals.values().removeIf(signal -> signal.at().isBefore(cutoff));
        return before - firstSignals.size();
    }

    public Optional<Tombstone> tombstone(UUID verificationId) {
        return Optional.ofNullable(firstSignals.get(verificationId)).filter(signal -> !REQUESTED.equals(signal.reason()));
    }
}
