package com.centralstation.verification.core.port.out;

/**
 * A transaction was rolled back because of a concurrent change, although its own work went through (the engine
 * marks the whole transaction rollback-only when it meets a conflict, even when its own retry then succeeds).
 * Nothing of the transaction stays: running the same work again in a fresh one is safe.
 */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
