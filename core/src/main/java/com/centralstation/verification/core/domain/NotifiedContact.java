package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A contact we have notified for a verification, from the moment a message with their link may have left.
 *
 * @param notifiedAt when the message that reached (or may have reached) them was sent
 * @param delivery where that message stands
 */
public record NotifiedContact(long contactId, int position, Instant notifiedAt, NotificationDelivery delivery) {

    public NotifiedContact {
        Objects.requireNonNull(notifiedAt, "notifiedAt");
        Objects.requireNonNull(delivery, "delivery");
        if (position < 1) {
            throw new IllegalArgumentException("position counts from 1, was " + position);
        }
    }

    /** A channel confirmed it took the message. */
    public boolean delivered() {
        return delivery == NotificationDelivery.DELIVERED;
    }

    public NotifiedContact settled(NotificationDelivery outcome) {
        return new NotifiedContact(contactId, position, notifiedAt, outcome);
    }
}
