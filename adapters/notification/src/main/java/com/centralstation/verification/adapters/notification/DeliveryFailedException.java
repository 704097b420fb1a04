package com.centralstation.verification.adapters.notification;

/** A channel could not hand the message over; {@code permanent} when the same try cannot succeed later. */
class DeliveryFailedException extends RuntimeException {

    private final boolean permanent;

    DeliveryFailedException(String reason, boolean permanent, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    static DeliveryFailedException permanent(String reason, Throwable cause) {
        return new DeliveryFailedException(reason, true, cause);
    }

    static DeliveryFailedException transientFailure(String reason, Throwable cause) {
        return new DeliveryFailedException(reason, false, cause);
    }

    boolean isPermanent() {
        return permanent;
    }
}
