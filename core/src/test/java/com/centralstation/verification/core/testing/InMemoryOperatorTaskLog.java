package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.port.out.OperatorTaskLog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The operator task log's contract in memory: a task opens once, changes holder only while open, closes once. */
public final class InMemoryOperatorTaskLog implements OperatorTaskLog {

    private final Map<String, OperatorTask> open = new ConcurrentHashMap<>();
    private final Map<String, OperatorTask> closed = new ConcurrentHashMap<>();

    @Override
    public boolean opened(OperatorTask task) {
        return !closed.containsKey(task.taskId()) && open.putIfAbsent(task.taskId(), task) == null;
    }

    @Override
    public boolean assigned(String taskId, String assignee) {
        OperatorTask task = open.get(taskId);
        if (task == null || Objects.equals(task.assignee(), assignee)) {
            return false;
        }
        open.put(taskId, new OperatorTask(task.taskId(), task.verificationId(), task.processInstanceId(), task.kind(),
                task.name(), assignee, task.openedAt()));
        return true;
    }

    @Override
    public boolean closed(String taskId, Instant at) {
        OperatorTask task = open.remove(taskId);
        if (task == null) {
            return false;
        }
        closed.put(taskId, task);
        return true;
    }

    /** The verification's tasks still open. */
    public List<OperatorTask> open(UUID verificationId) {
        return open.values().stream().filter(task -> task.verificationId().equals(verificationId)).toList();
    }

    /** The verification's tasks that have ended. */
    public List<OperatorTask> closed(UUID verificationId) {
        return closed.values().stream().filter(task -> task.verificationId().equals(verificationId)).toList();
    }
}
