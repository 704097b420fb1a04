package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.ChektReference;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Remembers CHeKT webhook deliveries by event id, since CHeKT retries them for up to 24 hours, and keeps each
 * one's raw body: the intake reads deliveries liberally (cuts, drops), so the original stays available. A
 * verification request is also remembered by its verification UUID, and waits here, taken in and answered, until a
 * starter starts its workflow: the inbox is what a {@code 202} promises.
 */
public interface DeliveryInbox {

    /**
     * Records the event in the caller's transaction; false when the same event id was already recorded.
     *
     * @param verificationId the verification the event is about; null when it names none
     * @param body the delivery's bytes as received
     */
    boolean firstDelivery(String eventId, String eventType, UUID verificationId, byte[] body, Instant receivedAt);

    /**
     * Takes the recorded delivery in as the request of its verification, waiting to be started after the waiting
     * requests of more urgent classes and those of its class that came before it; in the caller's transaction. What
     * the operator board lists of an alarm (its site, trigger and location) is kept with it, so that the board shows
     * it as received while it waits.
     *
     * @param chekt the verification it requests, at its site
     * @return false when another delivery is already the request of this verification (a concurrent one included,
     *         once its transaction commits); nothing changes then
     */
    boolean awaitStart(String eventId, ChektReference chekt, Alarm alarm, AlarmClass alarmClass);

    /**
     * The next waiting requests, at most {@code limit}: by class, then by arrival. Where starters on several nodes
     * share the inbox they are locked for the caller's transaction, and requests another transaction holds are passed
     * over, so starters never take the same request and never wait for each other; a database only one node uses may
     * leave them unlocked. A verification is started once either way: its stored row is unique.
     */
    List<WaitingRequest> nextToStart(int limit);

    /** The request, if it still waits and no other starter holds it; locked as {@link #nextToStart} locks. */
    Optional<WaitingRequest> takeWaiting(String eventId);

    /** The request waits no more: it was started, stored as cancelled, found to be a duplicate, or quarantined. */
    void leaveWaiting(String eventId);

    /** Counts a failed attempt to start the request, in the caller's transaction; returns the attempts so far. */
    int failedToStart(String eventId);

    /** The waiting request of a verification, for the read side. */
    Optional<WaitingRequest> waiting(UUID verificationId);

    /** Waiting requests in the order they will be started, at most {@code limit}, for the read side. */
    List<WaitingRequest> waiting(int limit);

    /** How many requests wait. */
    long waitingCount();

    /**
     * A request taken in and not started yet.
     *
     * @param attempts how often starting it failed so far
     */
    record WaitingRequest(String eventId, UUID verificationId, AlarmClass alarmClass, Instant receivedAt, byte[] body,
                          int attempts) {

        public WaitingRequest {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(verificationId, "verificationId");
            Objects.requireNonNull(alarmClass, "alarmClass");
            Objects.requireNonNull(receivedAt, "receivedAt");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }
}
