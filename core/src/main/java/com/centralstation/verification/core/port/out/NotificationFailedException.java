package com.centralstation.verification.core.port.out;

/** A contact could not be reached on their channel. */
public class NotificationFailedException extends RuntimeException {

    private final boolean permanent;

    public NotificationFailedException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** True when trying again cannot help (no address for the channel, address refused). */
    public boolean isPermanent() {
        return permanent;
    }
}
