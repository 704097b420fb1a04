package com.centralstation.verification.core.domain;

import java.util.UUID;

/**
 * A verification takes one decision: this one came after another was accepted, or after the
 * verification was closed. Raised inside the workflow's transaction so that it rolls back instead of
 * submitting a second decision.
 */
public final class DecisionConflictException extends RuntimeException {

    public DecisionConflictException(UUID verificationId) {
        super("verification " + verificationId + " already has a decision or is closed");
    }
}
