package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.port.out.AlarmClassifier;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.DeliveryInbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Takes CHeKT's request in, as the intake's handler of {@value VerificationRequest#EVENT_TYPE}, in the delivery's
 * transaction ({@link ReceiveChektDelivery}): the alarm is classed (the analysts' table) and the delivery waits in
 * the inbox, unique on its verification UUID, for a starter ({@link StartReceivedVerifications}) to start its
 * workflow in class order. So CHeKT's 202 waits for one row, not for the engine. Two kinds of request do not wait:
 * a life-safety alarm is started in the same transaction, so its operator task exists when CHeKT is answered
 * (should the engine refuse that start, the request is taken in to wait like the others instead, see
 * {@link #handleLater}); and a request whose cancellation arrived first is stored as cancelled at once and answered
 * so.
 */
public final class ReceiveVerificationRequest implements ReceiveChektDelivery.EventHandler {

    private final DeliveryInbox inbox;
    private final AlarmClassifier classifier;
    private final CancellationTombstones tombstones;
    private final StartVerification start;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration tombstoneExpiry;

    public ReceiveVerificationRequest(DeliveryInbox inbox, AlarmClassifier classifier, CancellationTombstones tombstones,
                                      StartVerification start, AuditTrail audit, Clock clock, Duration tombstoneExpiry) {
        this.inbox = inbox;
        this.classifier = classifier;
        this.tombstones = tombstones;
        this.start = start;
        this.audit = audit;
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
        return take(delivery, true);
    }

    /** Taken in to wait for the starter, whatever its class: the starter retries it and, failing, quarantines it. */
    @Override
    public Optional<ReceiveChektDelivery.Result> handleLater(ChektDelivery delivery) {
        return Optional.of(take(delivery, false));
    }

    private ReceiveChektDelivery.Result take(ChektDelivery delivery, boolean mayStartNow) {
        VerificationRequest request = delivery.event(VerificationRequest.class);
        UUID verificationId = request.chekt().verificationId();
        AlarmClass alarmClass = classifier.classify(request.alarm());
        if (!inbox.awaitStart(delivery.eventId(), request.chekt(), request.alarm(), alarmClass)) {
            return duplicate(verificationId, delivery);
        }
        if (!mayStartNow || !startsNow(verificationId, alarmClass)) {
            return ReceiveChektDelivery.Result.ACCEPTED;
        }
        StartVerification.Outcome outcome = start.start(request, alarmClass, clock.instant());
        inbox.leaveWaiting(delivery.eventId());
        return switch (outcome) {
            case STARTED -> ReceiveChektDelivery.Result.ACCEPTED;
            case CANCELLED_BEFORE_ARRIVAL -> ReceiveChektDelivery.Result.ALREADY_CANCELLED;
            case DUPLICATE -> duplicate(verificationId, delivery);
        };
    }

    /** Life safety cannot wait for its turn; a request CHeKT has already withdrawn is settled as it is answered. */
    private boolean startsNow(UUID verificationId, AlarmClass alarmClass) {
        return alarmClass == AlarmClass.LIFE_SAFETY || tombstones.cancellation(verificationId)
                .filter(early -> early.cancelsAt(clock.instant(), tombstoneExpiry)).isPresent();
    }

    private ReceiveChektDelivery.Result duplicate(UUID verificationId, ChektDelivery delivery) {
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.DUPLICATE_DELIVERY, Actor.CHEKT,
                Map.of(AuditDetail.EVENT_ID, delivery.eventId())));
        return ReceiveChektDelivery.Result.DUPLICATE;
    }
}
