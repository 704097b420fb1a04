package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.OperatorTaskLog;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the service's record of operator tasks and audits their life: opened, taken or given back, closed. Runs in
 * the engine's transaction that changes the task, so the record and the task stand or fall together. Each step is
 * recorded once, however many of the engine's events report it (a claim fires both "assignment" and "update").
 */
public final class RecordOperatorTask {

    private final OperatorTaskLog tasks;
    private final AuditTrail audit;
    private final Clock clock;

    public RecordOperatorTask(OperatorTaskLog tasks, AuditTrail audit, Clock clock) {
        this.tasks = tasks;
        this.audit = audit;
        this.clock = clock;
    }

    public void opened(OperatorTask task) {
        if (!tasks.opened(task)) {
            return;
        }
        Map<String, String> details = new HashMap<>(task(task.taskId()));
        details.put(AuditDetail.TASK, task.name());
        details.put(AuditDetail.TASK_KIND, task.kind().code());
        task.holder().ifPresent(holder -> details.put(AuditDetail.ASSIGNEE, holder));
        audit.record(new AuditEvent(task.verificationId(), clock.instant(), AuditEventType.OPERATOR_TASK_OPENED, Actor.ENGINE,
                details));
    }

    /**
     * @param assignee the new holder, {@code null} when the task was given back
     * @param byUser   the logged-in user who did it, when the engine knows one
     */
    public void assigned(UUID verificationId, String taskId, String assignee, String byUser) {
        String holder = assignee == null || assignee.isBlank() ? null : assignee.strip();
        if (!tasks.assigned(taskId, holder)) {
            return;
        }
        Map<String, String> details = new HashMap<>(task(taskId));
        details.put(AuditDetail.ASSIGNEE, holder == null ? "" : holder);
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.OPERATOR_TASK_ASSIGNED, actor(byUser),
                details));
    }

    /**
     * @param how    {@code completed} or {@code deleted}
     * @param byUser the logged-in user who did it, when the engine knows one
     */
    public void closed(UUID verificationId, String taskId, String how, String byUser) {
        if (!tasks.closed(taskId, clock.instant())) {
            return;
        }
        Map<String, String> details = new HashMap<>(task(taskId));
        details.put(AuditDetail.HOW, how);
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.OPERATOR_TASK_CLOSED, actor(byUser),
                details));
    }

    private static Map<String, String> task(String taskId) {
        return Map.of(AuditDetail.TASK_ID, taskId);
    }

    /** The logged-in user who changed the task, or the engine when nobody was (a timer, a decision from a contact). */
    private static Actor actor(String user) {
        return user == null || user.isBlank() ? Actor.ENGINE : Actor.operator(user.strip());
    }
}
