package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.TaskClaim;
import com.centralstation.verification.core.port.out.OperatorConsole;

import java.util.List;

/**
 * An operator claims a Tasklist task from the board, with their own rights: the only thing the board changes. The
 * engine's task listener records the new holder and audits it (see {@link RecordOperatorTask}).
 */
public final class ClaimOperatorTask {

    private final OperatorConsole console;

    public ClaimOperatorTask(OperatorConsole console) {
        this.console = console;
    }

    /**
     * @param userId the logged-in user's Camunda id
     * @param groups the user's Camunda groups, which the engine's authorizations are checked against
     */
    public TaskClaim claim(String taskId, String userId, List<String> groups) {
        if (taskId == null || taskId.isBlank() || userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a claim needs a task and a user");
        }
        return console.claim(taskId, userId, List.copyOf(groups));
    }
}
