package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.port.out.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/** The audit trail in {@code audit_event}. Append-only: there is deliberately no update or delete here. */
final class JdbcAuditTrail implements AuditTrail {

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;
    private final StoredJson json;

    JdbcAuditTrail(JdbcClient jdbc, TransactionTemplate independent, StoredJson json) {
        this.jdbc = jdbc;
        this.independent = independent;
        this.json = json;
    }

    @Override
    public void record(AuditEvent event) {
        append(event);
    }

    @Override
    public void recordIndependently(AuditEvent event) {
        independent.executeWithoutResult(status -> append(event));
    }

    @Override
    public List<AuditEvent> timeline(UUID verificationId) {
        // The id breaks ties between events stamped with the same instant, in the order they were written.
        return jdbc.sql("""
                        SELECT verification_id, occurred_at, type, actor, details
                          FROM audit_event
                         WHERE verification_id = ?
                         ORDER BY occurred_at, id
                        """)
                .param(verificationId)
                .query((row, rowNumber) -> new AuditEvent(row.getObject("verification_id", UUID.class),
                        fromSql(row, "occurred_at"), AuditEventType.valueOf(row.getString("type")), row.getString("actor"),
                        json.details(row.getString("details"))))
                .list();
    }

    private void append(AuditEvent event) {
        jdbc.sql("INSERT INTO audit_event (verification_id, occurred_at, type, actor, details) VALUES (?, ?, ?, ?, ?)")
                .params(event.verificationId(), toSql(event.at()), event.type().name(), event.actor(),
                        json.details(event.details()))
                .update();
    }
}
