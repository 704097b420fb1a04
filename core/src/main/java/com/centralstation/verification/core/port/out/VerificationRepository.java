package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Our own record of each verification. It, not the engine, guarantees one verification per CHeKT
 * verification UUID (Camunda business keys are not unique) and one decision per verification.
 */
public interface VerificationRepository {

    /**
     * Stores a new verification in the caller's transaction.
     *
     * @throws DuplicateVerificationException when one with the same UUID exists (also when a
     *         concurrent transaction inserted it first)
     */
    void add(Verification verification);

    Optional<VerificationRecord> find(UUID verificationId);

    List<VerificationRecord> findByState(VerificationState state, int limit);

    /**
     * The verifications of one site in any state, newest first (the demo's recent test alarms). Reads the site's
     * rows without an index of their own: meant for a handful of rows, not for a station's history.
     */
    List<VerificationRecord> findRecentAtSite(SiteRef site, int limit);

    /** How many verifications are in the state and were received before the instant (supervisors' overdue gauge). */
    long countInStateReceivedBefore(VerificationState state, Instant receivedBefore);

    /**
     * Records a contact as notified, in the caller's transaction.
     *
     * @throws RuntimeException when the verification already has a contact at that position
     */
    void addNotified(UUID verificationId, NotifiedContact notified);

    /**
     * Writes over the notified contact at the same position: how its notification stands now, and when its message
     * was sent. In the caller's transaction; false when there is no contact at that position.
     */
    boolean updateNotified(UUID verificationId, NotifiedContact notified);

    /**
     * Takes the decision if, and only if, the verification is still open and undecided; atomic
     * against concurrent callers, so the first valid decision wins.
     *
     * @return false when another decision came first or the verification is closed
     */
    boolean claimDecision(UUID verificationId, ContactDecision decision);

    void markSubmitted(UUID verificationId, SubmissionReceipt receipt);

    /** Ends an open or decided verification without a submission; false when it was already ended. */
    boolean close(UUID verificationId, VerificationState finalState, String reason);
}
