package com.centralstation.verification.core.port.in;

import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.util.UUID;

/**
 * Writes down the decision the workflow has just taken (from a contact or from the operator's task),
 * in the workflow's own transaction, and counts its response-time band.
 */
public final class AcceptDecision {

    private final VerificationRepository verifications;
    private final VerificationMetrics metrics;

    public AcceptDecision(VerificationRepository verifications, VerificationMetrics metrics) {
        this.verifications = verifications;
        this.metrics = metrics;
    }

    /**
     * @throws DecisionConflictException when the verification is no longer open for a decision, so
     *         the workflow step rolls back instead of submitting a second decision
     */
    public ResponseTime accept(UUID verificationId, ContactDecision decision) {
        VerificationRecord record = verifications.find(verificationId)
                .orElseThrow(() -> new IllegalStateException("no verification " + verificationId));
        if (!verifications.claimDecision(verificationId, decision)) {
            throw new DecisionConflictException(verificationId);
        }
        ResponseTime band = ResponseTime.of(record.firstNotifiedAt().orElse(record.verification().receivedAt()),
                decision.respondedAt());
        metrics.decisionTaken(band);
        return band;
    }

    /** The verification already has a decision or is closed. */
    public static final class DecisionConflictException extends RuntimeException {
        public DecisionConflictException(UUID verificationId) {
            super("verification " + verificationId + " already has a decision or is closed");
        }
    }
}
