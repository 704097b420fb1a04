package com.centralstation.verification.core.port.out;

/** A candidate policy the process could not run: unreadable, or missing what the process needs. The message says why. */
public final class IncompatiblePolicyException extends RuntimeException {

    public IncompatiblePolicyException(String reason) {
        super(reason);
    }

    public IncompatiblePolicyException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
