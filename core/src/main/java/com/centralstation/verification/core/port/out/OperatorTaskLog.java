package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.OperatorTask;

import java.time.Instant;

/**
 * The service's own record of the operator tasks the engine opens, kept in the engine's transaction by task
 * listeners, so the board knows who holds what without asking the engine.
 */
public interface OperatorTaskLog {

    /** Records a task that has just opened; false when it was recorded already (then nothing changes). */
    boolean opened(OperatorTask task);

    /** Sets the task's holder ({@code null}: nobody); false when the task is unknown, closed or already held so. */
    boolean assigned(String taskId, String assignee);

    /** Marks the task ended (completed or deleted); false when it is unknown or already closed. */
    boolean closed(String taskId, Instant at);
}
