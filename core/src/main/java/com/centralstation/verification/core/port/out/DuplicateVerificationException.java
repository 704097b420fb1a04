package com.centralstation.verification.core.port.out;

import java.util.UUID;

/** A verification with this CHeKT UUID is already stored: a repeated delivery. */
public class DuplicateVerificationException extends RuntimeException {

    private final UUID verificationId;

    public DuplicateVerificationException(UUID verificationId, Throwable cause) {
        super("verification " + verificationId + " is already stored", cause);
        this.verificationId = verificationId;
    }

    public UUID verificationId() {
        return verificationId;
    }
}
