package com.centralstation.verification.core.port.out;

import java.time.Instant;

/** Remembers CHeKT webhook deliveries by event id, since CHeKT retries them for up to 24 hours. */
public interface DeliveryInbox {

    /** Records the event in the caller's transaction; false when the same event id was already recorded. */
    boolean firstDelivery(String eventId, String eventType, Instant receivedAt);
}
