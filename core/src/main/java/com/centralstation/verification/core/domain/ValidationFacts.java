package com.centralstation.verification.core.domain;

import java.util.Objects;
import java.util.Optional;

/** What the validation tables are asked about an accepted decision. */
public record ValidationFacts(String trigger, VerificationAction action, Optional<ContactObservation> seen,
                              ContactsTried tried) {

    public ValidationFacts {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(tried, "tried");
        seen = seen == null ? Optional.empty() : seen;
    }
}
