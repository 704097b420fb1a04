package com.centralstation.verification.core.port.out;

import java.time.Instant;
import java.util.UUID;

/**
 * Remembers CHeKT webhook deliveries by event id, since CHeKT retries them for up to 24 hours, and keeps each
 * one's raw body: the intake reads deliveries liberally (cuts, drops), so the original stays available.
 */
public interface DeliveryInbox {

    /**
     * Records the event in the caller's transaction; false when the same event id was already recorded.
     *
     * @param verificationId the verification the event is about; null when it names none
     * @param body the delivery's bytes as received
     */
    boolean firstDelivery(String eventId, String eventType, UUID verificationId, byte[] body, Instant receivedAt);
}
