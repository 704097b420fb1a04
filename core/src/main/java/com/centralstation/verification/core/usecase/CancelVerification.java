package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.Tombstone;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Ends an open verification because CHeKT cancelled it or the alarm was resolved. A cancellation for a
 * verification not received yet leaves a tombstone (run it in one transaction with the delivery's record).
 */
public final class CancelVerification implements ReceiveChektDelivery.EventHandler {

    private final VerificationRepository verifications;
    private final VerificationProcess process;
    private final CancellationTombstones tombstones;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;

    public CancelVerification(VerificationRepository verifications, VerificationProcess process,
                              CancellationTombstones tombstones, AuditTrail audit, VerificationMetrics metrics, Clock clock) {
        this.verifications = verifications;
        this.process = process;
        this.tombstones = tombstones;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.copyOf(Cancellation.EVENT_TYPES);
    }

    /** The event type is the reason recorded; a cancellation that names no verification changes nothing. */
    @Override
    public ReceiveChektDelivery.Result handle(ChektDelivery delivery) {
        Optional<UUID> cancelled = delivery.event(Cancellation.class).verificationId();
        if (cancelled.isEmpty()) {
            return ReceiveChektDelivery.Result.IGNORED;
        }
        return switch (cancel(cancelled.get(), delivery.eventType())) {
            case CANCELLED -> ReceiveChektDelivery.Result.ACCEPTED;
            case REMEMBERED -> ReceiveChektDelivery.Result.REMEMBERED;
            case ALREADY_ENDED -> ReceiveChektDelivery.Result.NOTHING_TO_DO;
        };
    }

    public Outcome cancel(UUID verificationId, String reason) {
        Optional<VerificationRecord> found = verifications.find(verificationId);
        if (found.isEmpty()) {
            if (tombstones.leave(new Tombstone(verificationId, reason, clock.instant()))) {
                return Outcome.REMEMBERED;
            }
            // The request came first: its transaction has committed by now (the tombstone waited for it).
            found = verifications.find(verificationId);
            if (found.isEmpty()) {
                return Outcome.REMEMBERED;
            }
        }
        VerificationState state = found.get().state();
        if (state != VerificationState.OPEN && state != VerificationState.DECIDED) {
            return Outcome.ALREADY_ENDED;
        }
        if (!verifications.close(verificationId, VerificationState.CANCELLED, reason)) {
            return Outcome.ALREADY_ENDED;
        }
        process.cancel(verificationId, reason);
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.CANCELLED, Actor.CHEKT,
                Map.of(AuditDetail.REASON, reason, AuditDetail.STATE_BEFORE, state.name())));
        metrics.ended(VerificationState.CANCELLED);
        return Outcome.CANCELLED;
    }

    public enum Outcome {
        CANCELLED,
        /** Its request has not arrived: a tombstone is left, and the request will be stored as cancelled. */
        REMEMBERED,
        ALREADY_ENDED
    }
}
