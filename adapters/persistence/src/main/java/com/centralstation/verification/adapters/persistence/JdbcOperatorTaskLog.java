package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.port.out.OperatorTaskLog;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * Operator tasks in {@code operator_task}, written in the caller's (the engine's) transaction. Conditional updates
 * make every step idempotent: the engine reports one claim as two events, and a task may be recorded twice.
 */
final class JdbcOperatorTaskLog implements OperatorTaskLog {

    private final JdbcClient jdbc;
    private final TransactionTemplate underSavepoint;

    JdbcOperatorTaskLog(JdbcClient jdbc, TransactionTemplate underSavepoint) {
        this.jdbc = jdbc;
        this.underSavepoint = underSavepoint;
    }

    @Override
    public boolean opened(OperatorTask task) {
        try {
            underSavepoint.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO operator_task (task_id, verification_id, process_instance_id, kind, name, assignee, opened_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(task.taskId(), task.verificationId(), task.processInstanceId(), task.kind().code(),
                            cut(task.name(), 255), task.assignee(), toSql(task.openedAt()))
                    .update());
            return true;
        } catch (DuplicateKeyException recordedAlready) {
            return false;
        }
    }

    @Override
    public boolean assigned(String taskId, String assignee) {
        if (assignee == null) {
            return jdbc.sql("UPDATE operator_task SET assignee = NULL WHERE task_id = ? AND closed_at IS NULL AND assignee IS NOT NULL")
                    .param(taskId).update() == 1;
        }
        return jdbc.sql("""
                        UPDATE operator_task SET assignee = ?
                         WHERE task_id = ? AND closed_at IS NULL AND (assignee IS NULL OR assignee <> ?)
                        """)
                .params(assignee, taskId, assignee).update() == 1;
    }

    @Override
    public boolean closed(String taskId, Instant at) {
        return jdbc.sql("UPDATE operator_task SET closed_at = ? WHERE task_id = ? AND closed_at IS NULL")
                .params(toSql(at), taskId).update() == 1;
    }

    static OperatorTask task(ResultSet row) throws SQLException {
        return new OperatorTask(row.getString("task_id"), row.getObject("verification_id", UUID.class),
                row.getString("process_instance_id"),
                OperatorTask.Kind.fromCode(row.getString("kind")).orElse(OperatorTask.Kind.OTHER), row.getString("name"),
                row.getString("assignee"), fromSql(row, "opened_at"));
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
