package com.centralstation.verification.app.intake;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.usecase.CancelVerification;
import com.centralstation.verification.core.usecase.ReceiveVerificationRequest;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Handles one authentic delivery in one transaction: the inbox row (unique on the event id, with the raw
 * body), our verification row (unique on the verification UUID) and the process start commit together or
 * not at all, so the 202 CHeKT receives means the verification is durable, and a repeat changes nothing.
 * A cancellation for a verification not received yet is kept as a tombstone (202); the request that
 * follows is stored as cancelled (200).
 */
public class WebhookIntake {

    private final DeliveryInbox inbox;
    private final ChektWebhookMapper mapper;
    private final ReceiveVerificationRequest receive;
    private final CancelVerification cancel;
    private final AuditTrail audit;
    private final Clock clock;

    public WebhookIntake(DeliveryInbox inbox, ChektWebhookMapper mapper, ReceiveVerificationRequest receive,
                         CancelVerification cancel, AuditTrail audit, Clock clock) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.receive = receive;
        this.cancel = cancel;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param body the delivery's bytes, kept with the inbox row
     * @throws UnusableDeliveryException when a required field is missing or malformed; nothing is recorded then,
     *         so a corrected delivery with the same event id is still taken
     */
    @Transactional
    public Result handle(ChektEvent event, byte[] body) {
        Optional<ChektWebhookMapper.MappedRequest> request = event.isRequest()
                ? Optional.of(mapper.verificationRequest(event)) : Optional.empty();
        Optional<UUID> cancelled = event.isCancellation() ? mapper.cancelledVerification(event) : Optional.empty();
        UUID verificationId = request.map(mapped -> mapped.request().chekt().verificationId()).or(() -> cancelled).orElse(null);

        if (!inbox.firstDelivery(event.id(), event.type(), verificationId, body, clock.instant())) {
            return Result.DUPLICATE;
        }
        if (request.isPresent()) {
            return switch (receive.receive(request.get().request())) {
                case STARTED -> repaired(verificationId, request.get(), Result.ACCEPTED);
                case CANCELLED_BEFORE_ARRIVAL -> repaired(verificationId, request.get(), Result.ALREADY_CANCELLED);
                case DUPLICATE -> {
                    audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.DUPLICATE_DELIVERY, Actor.CHEKT,
                            Map.of(AuditDetail.EVENT_ID, event.id())));
                    yield Result.DUPLICATE;
                }
            };
        }
        if (cancelled.isPresent()) {
            return switch (cancel.cancel(cancelled.get(), event.type())) {
                case CANCELLED -> Result.ACCEPTED;
                case REMEMBERED -> Result.REMEMBERED;
                case ALREADY_ENDED -> Result.NOTHING_TO_DO;
            };
        }
        return Result.IGNORED;
    }

    private Result repaired(UUID verificationId, ChektWebhookMapper.MappedRequest request, Result result) {
        if (!request.repairs().isEmpty()) {
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.REQUEST_REPAIRED, Actor.CHEKT,
                    request.repairs()));
        }
        return result;
    }

    public enum Result {
        /** Stored (and started or cancelled): 202. */
        ACCEPTED,
        /** A cancellation for a verification not received yet, kept as a tombstone: 202. */
        REMEMBERED,
        /** A request whose cancellation came first: stored as cancelled, nobody called: 200. */
        ALREADY_CANCELLED,
        /** Already received (same event id or same verification): 200, nothing changed. */
        DUPLICATE,
        /** A cancellation for a verification that already ended: 200. */
        NOTHING_TO_DO,
        /** An event type this service does not act on: 200. */
        IGNORED;

        public boolean stored() {
            return this == ACCEPTED || this == REMEMBERED;
        }
    }
}
