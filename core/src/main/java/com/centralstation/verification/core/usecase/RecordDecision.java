package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a decision from a contact (response link) or the station's software and hands it to the
 * workflow. The workflow is the arbiter of "first valid decision wins": only one correlation into
 * the waiting process can succeed. Call it outside any transaction (the process port retries its
 * own optimistic-locking conflicts); every outcome is audited: a refusal here, in a transaction of its own, an
 * accepted decision by {@link AcceptDecision} in the workflow's transaction that takes it.
 */
public final class RecordDecision {

    private final VerificationRepository verifications;
    private final DeliveryInbox inbox;
    private final VerificationProcess process;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration allowedClockSkew;

    public RecordDecision(VerificationRepository verifications, DeliveryInbox inbox, VerificationProcess process,
                          AuditTrail audit, Clock clock, Duration allowedClockSkew) {
        this.verifications = verifications;
        this.inbox = inbox;
        this.process = process;
        this.audit = audit;
        this.clock = clock;
        this.allowedClockSkew = allowedClockSkew;
    }

    public Outcome record(UUID verificationId, ContactDecision decision) {
        Optional<VerificationRecord> found = verifications.find(verificationId);
        if (found.isEmpty()) {
            if (inbox.waiting(verificationId).isEmpty()) {
                return Outcome.UNKNOWN_VERIFICATION;
            }
            // received and not started yet: nobody has been called
            audit(verificationId, decision, Outcome.CONTACT_NOT_NOTIFIED);
            return Outcome.CONTACT_NOT_NOTIFIED;
        }
        Outcome outcome = check(found.get(), decision);
        if (outcome == Outcome.ACCEPTED) {
            outcome = switch (process.decide(verificationId, decision)) {
                case ACCEPTED -> Outcome.ACCEPTED;
                case NOT_YET_WAITING -> Outcome.NOT_YET_WAITING;
                case NOT_WAITING -> verifications.find(verificationId).map(VerificationRecord::state)
                        .filter(state -> state == VerificationState.OPEN || state == VerificationState.DECIDED
                                || state == VerificationState.SUBMITTED)
                        .map(state -> Outcome.ALREADY_DECIDED).orElse(Outcome.CLOSED);
            };
        }
        if (outcome != Outcome.ACCEPTED) {
            // an accepted decision is audited by the workflow as it takes it (AcceptDecision), before what follows
            audit(verificationId, decision, outcome);
        }
        return outcome;
    }

    private Outcome check(VerificationRecord record, ContactDecision decision) {
        switch (record.state()) {
            case DECIDED, SUBMITTED -> {
                return Outcome.ALREADY_DECIDED;
            }
            case CLOSED_BY_CHEKT, CLOSED_UNVERIFIED, CANCELLED -> {
                return Outcome.CLOSED;
            }
            case OPEN -> {
                // checked below
            }
        }
        if (!record.verification().callList().contains(decision.contactId())) {
            return Outcome.CONTACT_NOT_ON_CALL_LIST;
        }
        if (decision.source() != DecisionSource.OPERATOR && !record.wasNotified(decision.contactId())) {
            return Outcome.CONTACT_NOT_NOTIFIED;
        }
        Instant now = clock.instant();
        if (decision.respondedAt().isAfter(now.plus(allowedClockSkew))) {
            return Outcome.RESPONDED_IN_FUTURE;
        }
        Instant alarmTime = Optional.ofNullable(record.verification().alarm().occurredAt())
                .orElse(record.verification().receivedAt());
        if (decision.respondedAt().isBefore(alarmTime.minus(allowedClockSkew))) {
            return Outcome.RESPONDED_BEFORE_ALARM;
        }
        return Outcome.ACCEPTED;
    }

    private void audit(UUID verificationId, ContactDecision decision, Outcome outcome) {
        Map<String, String> details = AuditDetail.ofDecision(decision);
        details.put(AuditDetail.REFUSAL, outcome.name());
        audit.recordIndependently(new AuditEvent(verificationId, clock.instant(), AuditEventType.DECISION_REFUSED,
                Actor.decidedBy(decision), details));
    }

    public enum Outcome {
        ACCEPTED,
        UNKNOWN_VERIFICATION,
        /** Another decision came first. */
        ALREADY_DECIDED,
        /** Cancelled by CHeKT, closed by CHeKT, or closed unverified by an operator. */
        CLOSED,
        CONTACT_NOT_ON_CALL_LIST,
        /** The contact is on the list but has not been called yet. */
        CONTACT_NOT_NOTIFIED,
        RESPONDED_IN_FUTURE,
        RESPONDED_BEFORE_ALARM,
        /**
         * The verification still sends its first notification and does not wait for an answer yet (a gateway slow to
         * answer us): nothing was decided, the same answer is taken a few seconds later.
         */
        NOT_YET_WAITING
    }
}
