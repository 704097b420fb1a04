package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.TaskClaim;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine as an operator works it from the board: every call made on behalf of a logged-in user runs with that
 * user's own identity and groups, so the engine's authorizations decide, exactly as in Tasklist.
 */
public interface OperatorConsole {

    /** Claims the task for the user, with the user's own rights. */
    TaskClaim claim(String taskId, String userId, List<String> groups);

    /** The running process instance of a verification, for a link to Cockpit; empty once it has ended. */
    Optional<String> processInstanceOf(UUID verificationId);
}
