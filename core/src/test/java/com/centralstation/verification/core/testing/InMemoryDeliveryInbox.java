package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.port.out.DeliveryInbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Thread-safe: the first delivery of an event id wins, as the table's primary key makes it in the JDBC adapter. */
public final class InMemoryDeliveryInbox implements DeliveryInbox {

    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

    @Override
    public boolean firstDelivery(String eventId, String eventType, UUID verificationId, byte[] body, Instant receivedAt) {
        return bodies.putIfAbsent(eventId, body.clone()) == null;
    }

    public int size() {
        return bodies.size();
    }

    /** Forgets an event, as a rolled-back transaction forgets its inbox row. */
    public void forget(String eventId) {
        bodies.remove(eventId);
    }
}
