package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;

/** A contact's answer: who decided, what, and when they decided (not when we learned of it). */
public record ContactDecision(long contactId, VerificationAction action, Instant respondedAt, DecisionSource source) {

    public ContactDecision {
        if (contactId <= 0) {
            throw new IllegalArgumentException("contactId must be positive, was " + contactId);
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(respondedAt, "respondedAt");
        Objects.requireNonNull(source, "source");
    }
}
