package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.AuditChainCheck;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.AuditTrailHead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.UUID;

/** The append-only record of everything that happened to each verification. */
public interface AuditTrail {

    /** Records in the caller's transaction: the event stands or falls with the step it describes. */
    void record(AuditEvent event);

    /**
     * Records in a transaction of its own, so the event survives when the caller's work rolls back
     * (a failed CHeKT call that the engine will retry, a refused decision).
     */
    void recordIndependently(AuditEvent event);

    /** A verification's events, oldest first. */
    List<AuditEvent> timeline(UUID verificationId);

    /**
     * Hands the events of one type since an instant, across verifications, newest first, to {@code each}, one at a
     * time and at most {@code limit} of them, holding none: a year of them fits in any memory.
     *
     * @return how many were handed over
     */
    int eachOfTypeSince(AuditEventType type, Instant since, int limit, Consumer<AuditEvent> each);

    /**
     * As {@link #eachOfTypeSince}, for the events of one type of the latest {@code verifications} verifications that
     * have one.
     */
    int eachOfTypeForLatestVerifications(AuditEventType type, int verifications, int limit, Consumer<AuditEvent> each);

    /**
     * Recomputes the verification's audit hash chain as stored and reports the first row that does not verify.
     * It seals nothing: rows not sealed yet are counted as unsealed (it may wait a moment for the sealing this
     * node has queued).
     */
    AuditChainCheck checkChain(UUID verificationId);

    /** The newest sealed row of all verifications, if any: the trail's published head. */
    Optional<AuditTrailHead> newestSealedRow();
}
