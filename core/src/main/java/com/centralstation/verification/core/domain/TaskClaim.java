package com.centralstation.verification.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What an operator's claim of a Tasklist task came to.
 *
 * @param holder who holds the task now, when known
 */
public record TaskClaim(Result result, Optional<String> holder) {

    public TaskClaim {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(holder, "holder");
    }

    public enum Result {
        /** The user holds the task now (also when they held it already). */
        CLAIMED,
        /** Someone else holds it. */
        HELD_BY_ANOTHER,
        /** The engine's authorizations do not let this user claim it. */
        REFUSED,
        /** No such open task: completed, deleted, or never there. */
        NOT_OPEN
    }
}
