package com.centralstation.verification.core.port.out;

/**
 * A channel failed in a way that may pass (gateway unavailable, timeout), and the contact has attempts
 * left: the caller's job is retried by the engine. Outcomes that retrying cannot change are results,
 * not exceptions ({@link ContactNotifier#notify}).
 */
public class NotificationFailedException extends RuntimeException {

    public NotificationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
