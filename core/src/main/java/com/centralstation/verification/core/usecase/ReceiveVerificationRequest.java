package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Tombstone;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AlarmClassifier;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CallListDirectory;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.DuplicateVerificationException;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns CHeKT's request into one stored verification, classed and with its workflow started. Run it in
 * one transaction: the class, the stored row (unique on the verification UUID) and the process start
 * (with a life-safety alarm's operator task, when the escalation policy hands it over at intake) commit
 * together. A request whose cancellation arrived first (a {@link Tombstone} younger than the tombstone
 * expiry) is stored as cancelled and starts nothing, so nobody is called for an alarm CHeKT has already
 * withdrawn. As the intake's handler of {@value VerificationRequest#EVENT_TYPE}, it runs in the delivery's transaction
 * ({@link ReceiveChektDelivery}).
 */
public final class ReceiveVerificationRequest implements ReceiveChektDelivery.EventHandler {

    private final VerificationRepository verifications;
    private final CallListDirectory callLists;
    private final AlarmClassifier classifier;
    private final VerificationProcess process;
    private final CancellationTombstones tombstones;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;
    private final Duration tombstoneExpiry;

    public ReceiveVerificationRequest(VerificationRepository verifications, CallListDirectory callLists,
                                      AlarmClassifier classifier, VerificationProcess process,
                                      CancellationTombstones tombstones, AuditTrail audit, VerificationMetrics metrics,
                                      Clock clock, Duration tombstoneExpiry) {
        this.verifications = verifications;
        this.callLists = callLists;
        this.classifier = classifier;
        this.process = process;
        this.tombstones = tombstones;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.tombstoneExpiry = Objects.requireNonNull(tombstoneExpiry, "tombstoneExpiry");
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(VerificationRequest.EVENT_TYPE);
    }

    /** A repeated verification (another event id, the same verification UUID) is audited as a duplicate delivery. */
    @Override
    public ReceiveChektDelivery.Result handle(ChektDelivery delivery) {
        VerificationRequest request = delivery.event(VerificationRequest.class);
        return switch (receive(request)) {
            case STARTED -> ReceiveChektDelivery.Result.ACCEPTED;
            case CANCELLED_BEFORE_ARRIVAL -> ReceiveChektDelivery.Result.ALREADY_CANCELLED;
            case DUPLICATE -> {
                audit.record(new AuditEvent(request.chekt().verificationId(), clock.instant(),
                        AuditEventType.DUPLICATE_DELIVERY, Actor.CHEKT, Map.of(AuditDetail.EVENT_ID, delivery.eventId())));
                yield ReceiveChektDelivery.Result.DUPLICATE;
            }
        };
    }

    public Outcome receive(VerificationRequest request) {
        if (verifications.find(request.chekt().verificationId()).isPresent()) {
            return Outcome.DUPLICATE;
        }
        boolean sentWithRequest = !request.contacts().isEmpty();
        CallList callList = sentWithRequest
                ? new CallList(request.contacts())
                : callLists.find(request.chekt().site()).orElse(CallList.empty());
        Verification verification = new Verification(request.chekt(), request.alarm(), callList, clock.instant(),
                classifier.classify(request.alarm()));
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
