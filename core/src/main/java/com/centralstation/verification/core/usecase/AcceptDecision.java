package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AlarmValidation;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactsTried;
import com.centralstation.verification.core.domain.DecisionConflictException;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.ValidationFacts;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.AlarmValidationTables;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes down the decision the workflow has just taken (from a contact or from the operator's task),
 * in the workflow's own transaction, counts its response-time band, and has the validation tables score
 * it (AVS-01 level, enhanced call verification), recording their answer in the audit trail. The decision's
 * own audit row is written here too, first: it stands or falls with the claim, and the trail shows it before
 * what it led to, whatever the clock's resolution.
 */
public final class AcceptDecision {

    private final VerificationRepository verifications;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;
    private final AlarmValidationTables validationTables;
    private final NotificationLog notifications;

    public AcceptDecision(VerificationRepository verifications, AuditTrail audit, VerificationMetrics metrics, Clock clock,
                          AlarmValidationTables validationTables, NotificationLog notifications) {
        this.verifications = verifications;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.validationTables = validationTables;
        this.notifications = notifications;
    }

    /** What was accepted: the response-time band and the validation tables' answer. */
    public record Accepted(ResponseTime responseTime, AlarmValidation validation) {
    }

    /** A decision from a contact or the station's software (checked by {@link RecordDecision}). */
    public Accepted accept(UUID verificationId, ContactDecision decision) {
        return accept(verificationId, decision, null);
    }

    /**
     * @param operator who recorded it, for operator decisions
     * @throws DecisionConflictException when the verification is no longer open for a decision, so
     *         the workflow step rolls back instead of submitting a second decision
     */
    public Accepted accept(UUID verificationId, ContactDecision decision, String operator) {
        VerificationRecord record = verifications.find(verificationId)
                .orElseThrow(() -> new IllegalStateException("no verification " + verificationId));
        if (!verifications.claimDecision(verificationId, decision)) {
            throw new DecisionConflictException(verificationId);
        }
        ResponseTime band = ResponseTime.of(record.firstNotifiedAt().orElse(record.verification().receivedAt()),
                decision.respondedAt());
        metrics.decisionTaken(band);
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.DECISION_RECEIVED,
                decision.source() == DecisionSource.OPERATOR ? Actor.operator(operator) : Actor.decidedBy(decision),
                AuditDetail.ofDecision(decision)));
        return new Accepted(band, validate(record, decision));
    }

    private AlarmValidation validate(VerificationRecord record, ContactDecision decision) {
        UUID id = record.verification().id();
        ContactsTried tried = ContactsTried.upTo(clock.instant(), record, notifications.attempts(id));
        AlarmValidation validation = validationTables.score(new ValidationFacts(record.verification().alarm().trigger(),
                decision.action(), decision.seen(), tried));
        Map<String, String> details = new HashMap<>();
        details.put(AuditDetail.AVS_LEVEL, String.valueOf(validation.avsLevel()));
        details.put(AuditDetail.AVS_REASON, validation.avsReason());
        details.put(AuditDetail.ECV_REQUIRED, String.valueOf(validation.ecvRequired()));
        details.put(AuditDetail.ECV_MET, String.valueOf(validation.ecvMet()));
        details.put(AuditDetail.ECV_REASON, validation.ecvReason());
        details.put(AuditDetail.CONTACTS_TRIED, String.valueOf(tried.contacts()));
        details.put(AuditDetail.ADDRESSES_TRIED, String.valueOf(tried.addresses()));
        validation.seen().ifPresent(seen -> details.put(AuditDetail.SEEN, seen.code()));
        audit.record(new AuditEvent(id, clock.instant(), AuditEventType.ALARM_VALIDATED, Actor.ENGINE, details));
        return validation;
    }
}
