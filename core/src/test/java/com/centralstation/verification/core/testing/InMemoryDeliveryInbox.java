package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.port.out.DeliveryInbox;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The first delivery of an event id wins, and the first request of a verification, as the table's keys make it in the
 * JDBC adapter. Thread-safe; it locks nothing (the JDBC adapter's starters pass over each other's requests), so
 * starters share it one at a time.
 */
public final class InMemoryDeliveryInbox implements DeliveryInbox {

    private final Map<String, Delivery> deliveries = new HashMap<>();
    private final Map<UUID, String> requestOf = new HashMap<>();

    private static final class Delivery {
        final String eventId;
        final UUID verificationId;
        final byte[] body;
        final Instant receivedAt;
        final long arrival;
        AlarmClass waitingAs;
        int attempts;

        Delivery(String eventId, UUID verificationId, byte[] body, Instant receivedAt, long arrival) {
            this.eventId = eventId;
            this.verificationId = verificationId;
            this.body = body.clone();
            this.receivedAt = receivedAt;
            this.arrival = arrival;
        }

        WaitingRequest waiting() {
            return new WaitingRequest(eventId, verificationId, waitingAs, receivedAt, body, attempts);
        }
    }

    @Override
    public synchronized boolean firstDelivery(String eventId, String eventType, UUID verificationId, byte[] body,
                                              Instant receivedAt) {
        if (deliveries.containsKey(eventId)) {
            return false;
        }
        deliveries.put(eventId, new Delivery(eventId, verificationId, body, receivedAt, deliveries.size()));
        return true;
    }

    @Override
    public synchronized boolean awaitStart(String eventId, ChektReference chekt, Alarm alarm, AlarmClass alarmClass) {
        if (requestOf.putIfAbsent(chekt.verificationId(), eventId) != null) {
            return false;
        }
        deliveries.get(eventId).waitingAs = alarmClass;
        return true;
    }

    @Override
    public synchronized List<WaitingRequest> nextToStart(int limit) {
        return waitingInOrder().limit(limit).map(Delivery::waiting).toList();
    }

    @Override
    public synchronized Optional<WaitingRequest> takeWaiting(String eventId) {
        return Optional.ofNullable(deliveries.get(eventId)).filter(d -> d.waitingAs != null).map(Delivery::waiting);
    }

    @Override
    public synchronized void leaveWaiting(String eventId) {
        deliveries.get(eventId).waitingAs = null;
    }

    @Override
    public synchronized int failedToStart(String eventId) {
        return ++deliveries.get(eventId).attempts;
    }

    @Override
    public synchronized Optional<WaitingRequest> waiting(UUID verificationId) {
        return Optional.ofNullable(requestOf.get(verificationId)).map(deliveries::get).filter(d -> d.waitingAs != null)
                .map(Delivery::waiting);
    }

    @Override
    public synchronized List<WaitingRequest> waiting(int limit) {
        return nextToStart(limit);
    }

    @Override
    public synchronized long waitingCount() {
        return waitingInOrder().count();
    }

    public synchronized int size() {
        return deliveries.size();
    }

    /** Forgets an event, as a rolled-back transaction forgets its inbox row. */
    public synchronized void forget(String eventId) {
        Delivery gone = deliveries.remove(eventId);
        if (gone != null && gone.verificationId != null) {
            requestOf.remove(gone.verificationId, eventId);
        }
    }

    private java.util.stream.Stream<Delivery> waitingInOrder() {
        return deliveries.values().stream().filter(d -> d.waitingAs != null)
                .sorted(Comparator.comparingInt((Delivery d) -> d.waitingAs.rank()).thenComparingLong(d -> d.arrival));
    }
}
