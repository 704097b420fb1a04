package com.centralstation.verification.core.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a contact's notification stands. A contact counts as notified from the moment a message carrying their link
 * may have left, so the notification is recorded, with its link, before anything is sent ({@link #SENDING}); how the
 * send ended is written over it. A message that may have left is never sent again: a second message would carry a
 * second link.
 */
public enum NotificationDelivery {
    /** Recorded before sending: a message with the contact's link may be on its way, nothing is known yet. */
    SENDING("sending"),
    /** A channel took the message. */
    DELIVERED("delivered"),
    /**
     * A channel may have taken the message but never said so (it did not answer in time, or the service stopped
     * before it recorded the answer). The contact counts as notified; the message is not sent again.
     */
    UNCONFIRMED("unconfirmed"),
    /** Every channel answered with a failure that may pass: nothing left, the notification is tried again. */
    NOT_SENT("not_sent"),
    /** Nothing left and nothing will: the contact is unreachable, or the channels are down. */
    FAILED("failed");

    private final String code;

    NotificationDelivery(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Not settled yet: the notification's job has not committed how it ended. */
    public boolean unsettled() {
        return this == SENDING || this == NOT_SENT;
    }

    /** A message with the contact's link may have reached them. */
    public boolean mayHaveReached() {
        return this == SENDING || this == DELIVERED || this == UNCONFIRMED;
    }

    public static Optional<NotificationDelivery> fromCode(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
    }
}
