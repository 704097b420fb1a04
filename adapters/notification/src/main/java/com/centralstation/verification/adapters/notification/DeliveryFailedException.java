package com.centralstation.verification.adapters.notification;

/** A channel could not hand the message over; {@link #kind()} says whose side failed and whether it may pass. */
class DeliveryFailedException extends RuntimeException {

    /** Whose side the failure is on, and whether trying again can help. */
    enum Kind {
        /** The receiver refused this address (invalid number, unknown mailbox): the contact is not reachable this way. */
        REFUSED,
        /** The gateway refused us (credentials, account, configuration): nobody is reachable this way until fixed. */
        CHANNEL_DOWN,
        /** Timeouts, rate limits, 5xx, I/O: may pass on a retry. */
        MAY_PASS
    }

    private final Kind kind;

    DeliveryFailedException(String reason, Kind kind, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    static DeliveryFailedException refused(String reason, Throwable cause) {
        return new DeliveryFailedException(reason, Kind.REFUSED, cause);
    }

    static DeliveryFailedException channelDown(String reason, Throwable cause) {
        return new DeliveryFailedException(reason, Kind.CHANNEL_DOWN, cause);
    }

    static DeliveryFailedException transientFailure(String reason, Throwable cause) {
        return new DeliveryFailedException(reason, Kind.MAY_PASS, cause);
    }

    Kind kind() {
        return kind;
    }
}
