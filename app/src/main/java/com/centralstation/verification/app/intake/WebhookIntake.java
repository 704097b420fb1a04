package com.centralstation.verification.app.intake;

import com.centralstation.verification.app.intake.ChektEvent;
import com.centralstation.verification.app.intake.ChektWebhookMapper;
import com.centralstation.verification.app.intake.WebhookIntake;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.usecase.CancelVerification;
import com.centralstation.verification.core.usecase.ReceiveVerificationRequest;
import com.centralstation.verification.core.usecase.VerificationRequest;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Handles one authentic delivery in one transaction: the inbox row (unique on the event id), our
 * verification row (unique on the verification UUID) and the process start commit together or not at all,
 * so the 202 CHeKT receives means the verification is durable, and a repeat changes nothing.
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

    @Transactional
    public Result handle(ChektEvent event) {
        // Map before recording the delivery: a malformed request must leave no trace, so a corrected
        // delivery with the same event id is still taken.
        Optional<VerificationRequest> request = ChektEvent.VERIFICATION_REQUESTED.equals(event.type())
                ? Optional.of(mapper.verificationRequest(event)) : Optional.empty();
        Optional<UUID> cancelled = event.isCancellation() ? mapper.cancelledVerification(event) : Optional.empty();

        if (!inbox.firstDelivery(event.id(), event.type(), clock.instant())) {
            return Result.DUPLICATE;
        }
        if (request.isPresent()) {
            if (receive.receive(request.get()) == ReceiveVerificationRequest.Outcome.DUPLICATE) {
                audit.record(new AuditEvent(request.get().chekt().verificationId(), clock.instant(),
                        AuditEventType.DUPLICATE_DELIVERY, "chekt", Map.of("eventId", event.id())));
                return Result.DUPLICATE;
            }
            return Result.ACCEPTED;
        }
        if (cancelled.isPresent()) {
            return cancel.cancel(cancelled.get(), event.type()) == CancelVerification.Outcome.CANCELLED
                    ? Result.ACCEPTED : Result.NOTHING_TO_DO;
        }
        return Result.IGNORED;
    }

    public enum Result {
        /** Stored (and started or cancelled): 202. */
        ACCEPTED,
        /** Already received (same event id or same verification): 200, nothing changed. */
        DUPLICATE,
        /** A cancellation for a verification that is unknown or already ended: 200. */
        NOTHING_TO_DO,
        /** An event type this service does not act on: 200. */
        IGNORED
    }
}
