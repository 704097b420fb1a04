package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A contact's answer: who decided, what, and when they decided (not when we learned of it).
 *
 * @param seen what the contact said they saw on the video, when they answered that optional question
 */
public record ContactDecision(long contactId, VerificationAction action, Instant respondedAt, DecisionSource source,
                              Optional<ContactObservation> seen) {

    public ContactDecision(long contactId, VerificationAction action, Instant respondedAt, DecisionSource source) {
        this(contactId, action, respondedAt, source, Optional.empty());
    }

    public ContactDecision {
        if (contactId <= 0) {
            throw new IllegalArgumentException("contactId must be positive, was " + contactId);
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(respondedAt, "respondedAt");
        Objects.requireNonNull(source, "source");
        seen = seen == null ? Optional.empty() : seen;
    }
}
