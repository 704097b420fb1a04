package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.ConcurrentChangeException;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.UnitOfWork;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Takes one authentic CHeKT delivery in one transaction: the inbox row (unique on the event id, with the raw body),
 * what the event's handler writes (a request taken in to wait for its start, or a cancellation or its tombstone) and
 * the audit of the repairs made to read it commit together or not at all. So the 202 CHeKT
 * receives means the delivery is durable, and a repeat changes nothing.
 *
 * <p>The event type chooses the handler ({@link EventHandler#eventTypes()}); a type no handler takes is kept in the
 * inbox and otherwise ignored. A new event type is one handler, registered with this use case, plus the message the
 * process model receives.
 *
 * <p>A handler that fails for another reason may take the delivery in for a later step instead
 * ({@link EventHandler#handleLater}), in a fresh transaction.
 *
 * <p>A request and its cancellation arriving together can meet in the engine: a conflict there condemns the whole
 * transaction even when the engine's own retry then succeeds. Nothing of such an attempt stays (its inbox row
 * included), so the delivery is taken again in a fresh transaction, as CHeKT would resend it, up to
 * {@value #ATTEMPTS} times.
 */
public final class ReceiveChektDelivery {

    static final int ATTEMPTS = 3;

    private final UnitOfWork unitOfWork;
    private final DeliveryInbox inbox;
    private final Map<String, EventHandler> handlers;
    private final AuditTrail audit;
    private final Clock clock;

    /** @throws IllegalArgumentException when two handlers claim one event type */
    public ReceiveChektDelivery(UnitOfWork unitOfWork, DeliveryInbox inbox, List<? extends EventHandler> handlers,
                                AuditTrail audit, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.inbox = inbox;
        this.handlers = byEventType(handlers);
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws ConcurrentChangeException when concurrent changes rolled back every attempt; nothing was recorded
     * @throws RuntimeException what the handler threw, when it has no later step ({@link EventHandler#handleLater})
     */
    public Result receive(ChektDelivery delivery) {
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.inOneTransaction(() -> take(delivery, handler -> handler.handle(delivery)));
            } catch (ConcurrentChangeException concurrentChange) {
                if (attempt >= ATTEMPTS) {
                    throw concurrentChange;
                }
            } catch (RuntimeException failed) {
                return unitOfWork.inOneTransaction(() -> take(delivery,
                        handler -> handler.handleLater(delivery).orElseThrow(() -> failed)));
            }
        }
    }

    private Result take(ChektDelivery delivery, Function<EventHandler, Result> handling) {
        UUID verificationId = delivery.event().verificationId().orElse(null);
        if (!inbox.firstDelivery(delivery.eventId(), delivery.eventType(), verificationId, delivery.body(), clock.instant())) {
            return Result.DUPLICATE;
        }
        EventHandler handler = handlers.get(delivery.eventType());
        if (handler == null) {
            return Result.IGNORED;
        }
        Result result = handling.apply(handler);
        if (result.takenIn() && verificationId != null && !delivery.repairs().isEmpty()) {
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.REQUEST_REPAIRED, Actor.CHEKT,
                    delivery.repairs()));
        }
        return result;
    }

    private static Map<String, EventHandler> byEventType(List<? extends EventHandler> handlers) {
        Map<String, EventHandler> byType = new HashMap<>();
        for (EventHandler handler : handlers) {
            for (String type : handler.eventTypes()) {
                EventHandler before = byType.putIfAbsent(type, handler);
                if (before != null) {
                    throw new IllegalArgumentException("event type " + type + " has two handlers: "
                            + before.getClass().getSimpleName() + " and " + handler.getClass().getSimpleName());
                }
            }
        }
        return Map.copyOf(byType);
    }

    /**
     * What one kind of CHeKT event does, inside the delivery's transaction, after its inbox row is written (so it
     * runs once per event id). Throwing rolls the whole delivery back.
     */
    public interface EventHandler {

        /** The envelope {@code type}s this handler takes, such as {@code verification.requested}. */
        Set<String> eventTypes();

        Result handle(ChektDelivery delivery);

        /**
         * Takes the delivery in for a later step instead, in a fresh transaction, after {@link #handle} failed (not
         * by a concurrent change): a request whose immediate start the engine refused waits in the inbox like any
         * other. Empty when the handler has no later step: then {@link #handle}'s failure stands.
         */
        default Optional<Result> handleLater(ChektDelivery delivery) {
            return Optional.empty();
        }
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

        /** Whether the delivery was stored as something new: CHeKT is answered 202, else 200. */
        public boolean stored() {
            return this == ACCEPTED || this == REMEMBERED;
        }

        /** Whether the delivery became (part of) a verification's record, so repairs made to read it are audited. */
        boolean takenIn() {
            return this == ACCEPTED || this == ALREADY_CANCELLED;
        }
    }
}
