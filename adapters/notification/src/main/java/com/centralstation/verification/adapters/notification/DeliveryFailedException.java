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
    private final boolean mayHaveLeft;

    DeliveryFailedException(String reason, Kind kind, Throwable cause) {
        this(reason, kind, cause, false);
    }

    private DeliveryFailedException(String reason, Kind kind, Throwable cause, boolean mayHaveLeft) {
        super(reason, cause);
        this.kind = kind;
        this.mayHaveLeft = mayHaveLeft;
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

    /**
     * The request reached the gateway, which never answered (a read timeout, a connection lost after sending): the
     * message may have left, so it must not be sent again with another link.
     */
    static DeliveryFailedException unanswered(String reason, Throwable cause) {
        return new DeliveryFailedException(reason, Kind.MAY_PASS, cause, true);
    }

    Kind kind() {
        return kind;
    }

    /** Whether the message may have left despite the failure ({@link #unanswered}). */
    boolean mayHaveLeft() {
        return mayHaveLeft;
    }
}
