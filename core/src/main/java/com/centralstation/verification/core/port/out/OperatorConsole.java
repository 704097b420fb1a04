package com.centralstation.verification.core.port.out;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine as an operator works it from the board: every call made on behalf of a logged-in user runs with that
 * user's own identity and groups, so the engine's authorizations decide, exactly as in Tasklist.
 */
public interface OperatorConsole {

    /** Claims the task for the user, with the user's own rights. */
    Claim claim(String taskId, String userId, List<String> groups);

    /** The running process instance of a verification, for a link to Cockpit; empty once it has ended. */
    Optional<String> processInstanceOf(UUID verificationId);

    /**
     * What a claim came to.
     *
     * @param holder who holds the task now, when known
     */
    record Claim(Result result, Optional<String> holder) {
    }

    enum Result {
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
