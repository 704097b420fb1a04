package com.centralstation.verification.archfixture.core.usecase;

/** A use case, as core.usecase holds them. */
public class ConfirmAlarm {

    public void confirm(String verificationId) {
        if (verificationId.isBlank()) {
            throw new Conflict();
        }
    }

    /** A use case's own exception, which an engine adapter should not have to know. */
    public static class Conflict extends RuntimeException {
    }
}
