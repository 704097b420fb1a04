package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.port.out.NotificationLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * Notification attempts in {@code notification_attempt}. Each is written in its own transaction: a failed
 * send rolls back the engine job that tried it, but the attempt is evidence and must stay.
 */
final class JdbcNotificationLog implements NotificationLog {

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;

    JdbcNotificationLog(JdbcClient jdbc, TransactionTemplate independent) {
        this.jdbc = jdbc;
        this.independent = independent;
    }

    @Override
    public void record(NotificationAttempt attempt) {
        independent.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO notification_attempt
                               (verification_id, contact_id, channel, address, attempted_at, delivered, detail, unconfirmed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(attempt.verificationId(), attempt.contactId(), attempt.channel(), attempt.address(),
                        toSql(attempt.attemptedAt()), attempt.delivered(), attempt.detail(), attempt.unconfirmed())
                .update());
    }

    @Override
    public List<NotificationAttempt> attempts(UUID verificationId) {
        return jdbc.sql("""
                        SELECT verification_id, contact_id, channel, address, attempted_at, delivered, detail, unconfirmed
                          FROM notification_attempt
                         WHERE verification_id = ?
                         ORDER BY attempted_at, id
                        """)
                .param(verificationId)
                .query((row, rowNumber) -> new NotificationAttempt(row.getObject("verification_id", UUID.class),
                        row.getLong("contact_id"), row.getString("channel"), row.getString("address"),
                        fromSql(row, "attempted_at"), row.getBoolean("delivered"), row.getString("detail"),
                        row.getBoolean("unconfirmed")))
                .list();
    }
}
