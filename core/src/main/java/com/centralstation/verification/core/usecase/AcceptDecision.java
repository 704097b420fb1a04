package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionConflictException;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Writes down the decision the workflow has just taken (from a contact or from the operator's task),
 * in the workflow's own transaction, and counts its response-time band.
 */
public final class AcceptDecision {

    private final VerificationRepository verifications;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;

    public AcceptDecision(VerificationRepository verifications, AuditTrail audit, VerificationMetrics metrics, Clock clock) {
        this.verifications = verifications;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A decision from a contact or the station's software (already audited by {@link RecordDecision}). */
    public ResponseTime accept(UUID verificationId, ContactDecision decision) {
        return accept(verificationId, decision, null);
    }

    /**
     * @param operator who recorded it, for operator decisions
     * @throws DecisionConflictException when the verification is no longer open for a decision, so
     *         the workflow step rolls back instead of submitting a second decision
     */
    public ResponseTime accept(UUID verificationId, ContactDecision decision, String operator) {
        VerificationRecord record = verifications.find(verificationId)
                .orElseThrow(() -> new IllegalStateException("no verification " + verificationId));
        if (!verifications.claimDecision(verificationId, decision)) {
            throw new DecisionConflictException(verificationId);
        }
        ResponseTime band = ResponseTime.of(record.firstNotifiedAt().orElse(record.verification().receivedAt()),
                decision.respondedAt());
        metrics.decisionTaken(band);
        if (decision.source() == DecisionSource.OPERATOR) {
            // Contacts' and the station's decisions are audited where they arrive; an operator's arrives here.
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.DECISION_RECEIVED,
                    "operator:" + (operator == null || operator.isBlank() ? "unknown" : operator), Map.of(
                    "contactId", String.valueOf(decision.contactId()),
                    "action", decision.action().code(),
                    "respondedAt", decision.respondedAt().toString(),
                    "source", decision.source().name())));
        }
        return band;
    }
}
