package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Tombstone;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CallListDirectory;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.DuplicateVerificationException;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a received request into one stored verification with its workflow started. Run it in one transaction: the
 * stored row (unique on the verification UUID) and the process start (with a life-safety alarm's operator task,
 * when the escalation policy hands it over at intake) commit together. A request whose cancellation arrived first
 * (a {@link Tombstone} younger than the tombstone expiry) is stored as cancelled and starts nothing, so nobody is
 * called for an alarm CHeKT has already withdrawn. The intake runs it for what cannot wait
 * ({@link ReceiveVerificationRequest}), the starter for everything waiting in the inbox
 * ({@link StartReceivedVerifications}).
 */
public final class StartVerification {

    private final VerificationRepository verifications;
    private final CallListDirectory callLists;
    private final VerificationProcess process;
    private final CancellationTombstones tombstones;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Duration tombstoneExpiry;

    public StartVerification(VerificationRepository verifications, CallListDirectory callLists, VerificationProcess process,
                             CancellationTombstones tombstones, AuditTrail audit, VerificationMetrics metrics,
                             Duration tombstoneExpiry) {
        this.verifications = verifications;
        this.callLists = callLists;
        this.process = process;
        this.tombstones = tombstones;
        this.audit = audit;
        this.metrics = metrics;
        this.tombstoneExpiry = Objects.requireNonNull(tombstoneExpiry, "tombstoneExpiry");
    }

    /**
     * @param alarmClass the class the intake decided for the request
     * @param receivedAt when the request arrived: the verification's age counts from then, not from its start
     */
    public Outcome start(VerificationRequest request, AlarmClass alarmClass, Instant receivedAt) {
        if (verifications.find(request.chekt().verificationId()).isPresent()) {
            return Outcome.DUPLICATE;
        }
        boolean sentWithRequest = !request.contacts().isEmpty();
        CallList callList = sentWithRequest
                ? new CallList(request.contacts())
                : callLists.find(request.chekt().site()).orElse(CallList.empty());
        Verification verification = new Verification(request.chekt(), request.alarm(), callList, receivedAt, alarmClass);
        try {
            verifications.add(verification);
        } catch (DuplicateVerificationException concurrentDelivery) {
            return Outcome.DUPLICATE;
        }
        // After the row is stored: a concurrent cancellation either left its tombstone first (seen here) or
        // waits for this transaction and then finds the verification to cancel.
        Optional<Tombstone> tombstone = tombstones.requestArrived(verification.id(), verification.receivedAt())
                .filter(early -> early.cancelsAt(verification.receivedAt(), tombstoneExpiry));
        if (tombstone.isPresent()) {
            auditReceived(verification, sentWithRequest);
            verifications.close(verification.id(), VerificationState.CANCELLED, tombstone.get().reason());
            audit.record(new AuditEvent(verification.id(), verification.receivedAt(), AuditEventType.CANCELLED, Actor.CHEKT,
                    Map.of(AuditDetail.REASON, tombstone.get().reason(), AuditDetail.STATE_BEFORE, "not yet received",
                            AuditDetail.CANCELLED_AT, tombstone.get().at().toString())));
            metrics.ended(VerificationState.CANCELLED);
            return Outcome.CANCELLED_BEFORE_ARRIVAL;
        }
        process.start(verification);
        auditReceived(verification, sentWithRequest);
        return Outcome.STARTED;
    }

    private void auditReceived(Verification verification, boolean sentWithRequest) {
        audit.record(new AuditEvent(verification.id(), verification.receivedAt(), AuditEventType.VERIFICATION_RECEIVED,
                Actor.CHEKT, Map.of(
                        AuditDetail.ALARM_ID, String.valueOf(verification.alarm().alarmId()),
                        AuditDetail.TRIGGER, verification.alarm().trigger(),
                        AuditDetail.PRIORITY, verification.alarm().priority(),
                        AuditDetail.ALARM_CLASS, verification.alarmClass().code(),
                        AuditDetail.CONTACTS, String.valueOf(verification.callList().size()),
                        AuditDetail.CALL_LIST_SOURCE, sentWithRequest ? "request" : "stored call list")));
    }

    public enum Outcome {
        STARTED,
        /** The verification was already received; nothing changed. */
        DUPLICATE,
        /** Its cancellation arrived first: stored as cancelled, nobody called. */
        CANCELLED_BEFORE_ARRIVAL
    }
}
