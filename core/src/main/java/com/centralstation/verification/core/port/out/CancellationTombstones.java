package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.Tombstone;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Remembers which came first for each verification: its request or a cancellation (a tombstone). Both
 * methods write in the caller's transaction and are ordered against each other: when a request and a
 * cancellation for one verification are noted concurrently, the later one waits for the earlier one's
 * transaction and then sees what it wrote, so exactly one of them learns of the other.
 */
public interface CancellationTombstones {

    /**
     * Notes that the request for {@code verificationId} arrived.
     *
     * @return the tombstone a cancellation left before it, whatever its age
     */
    Optional<Tombstone> requestArrived(UUID verificationId, Instant at);

    /**
     * Leaves a tombstone for a verification whose request has not been seen.
     *
     * @return false when the request arrived first (also when its transaction committed while this one waited):
     *         the verification exists and is cancelled the ordinary way
     */
    boolean leave(Tombstone tombstone);

    /**
     * The tombstone a cancellation left for the verification, if its request has not been noted yet. A read only:
     * it orders nothing (a cancellation committed right after it is found by {@link #requestArrived}).
     */
    Optional<Tombstone> cancellation(UUID verificationId);

    /** Forgets requests and tombstones noted before {@code cutoff}; returns how many. */
    int forgetBefore(Instant cutoff);
}
