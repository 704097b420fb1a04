package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditChainCheck;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.port.out.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * The audit trail in {@code audit_event}. Append-only: there is deliberately no update or delete of an
 * event here; the only later write is {@link AuditChain} sealing a committed row into its hash chain,
 * once, after the row's transaction commits.
 */
final class JdbcAuditTrail implements AuditTrail, AutoCloseable {

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;
    private final StoredJson json;
    private final AuditChain chain;
    private final AuditSealer sealer;

    JdbcAuditTrail(JdbcClient jdbc, TransactionTemplate independent, StoredJson json) {
        this.jdbc = jdbc;
        this.independent = independent;
        this.json = json;
        this.chain = new AuditChain(jdbc, independent);
        this.sealer = new AuditSealer(chain);
    }

    @Override
    public void record(AuditEvent event) {
        append(event);
        sealAfterCommit(event.verificationId());
    }

    @Override
    public void recordIndependently(AuditEvent event) {
        independent.executeWithoutResult(status -> append(event));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // committed already, whatever becomes of the caller's transaction, whose connection the caller holds
            sealer.sealSoon(event.verificationId());
        } else {
            chain.seal(event.verificationId());
        }
    }

    @Override
    public AuditChainCheck checkChain(UUID verificationId) {
        return chain.check(verificationId);
    }

    /** Seals the rows left unsealed by a crash or written before the chain existed. */
    void sealUnsealedRows() {
        chain.sealAll();
    }

    /** Seals, before it returns, what it was asked to seal (a clean stop leaves no row unsealed). */
    @Override
    public void close() {
        sealer.close();
    }

    /** Outside a transaction the caller holds no connection, so it seals at once; inside one, the sealer does after commit. */
    private void sealAfterCommit(UUID verificationId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            chain.seal(verificationId);
            return;
        }
        boolean pending = TransactionSynchronizationManager.getSynchronizations().stream()
                .anyMatch(synchronization -> synchronization instanceof SealAfterCommit seal && seal.seals(this, verificationId));
        if (!pending) {
            TransactionSynchronizationManager.registerSynchronization(new SealAfterCommit(verificationId));
        }
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
                .query(this::event)
                .list();
    }

    @Override
    public List<AuditEvent> ofTypeSince(AuditEventType type, Instant since) {
        return jdbc.sql("""
                        SELECT verification_id, occurred_at, type, actor, details
                          FROM audit_event
                         WHERE type = ? AND occurred_at >= ?
                         ORDER BY occurred_at, id
                        """)
                .params(type.name(), toSql(since))
                .query(this::event)
                .list();
    }

    @Override
    public List<AuditEvent> ofTypeForLatestVerifications(AuditEventType type, int verifications) {
        return jdbc.sql("""
                        SELECT verification_id, occurred_at, type, actor, details
                          FROM audit_event
                         WHERE type = ? AND verification_id IN (
                               SELECT verification_id FROM audit_event WHERE type = ?
                                GROUP BY verification_id
                                ORDER BY MAX(occurred_at) DESC
                                FETCH FIRST ? ROWS ONLY)
                         ORDER BY occurred_at, id
                        """)
                .params(type.name(), type.name(), verifications)
                .query(this::event)
                .list();
    }

    private AuditEvent event(ResultSet row, int rowNumber) throws SQLException {
        return new AuditEvent(row.getObject("verification_id", UUID.class), fromSql(row, "occurred_at"),
                AuditEventType.valueOf(row.getString("type")), new Actor(row.getString("actor")), json.details(row.getString("details")));
    }

    /** One per verification and transaction, however many events the transaction records. */
    private final class SealAfterCommit implements TransactionSynchronization {

        private final UUID verificationId;

        SealAfterCommit(UUID verificationId) {
            this.verificationId = verificationId;
        }

        boolean seals(JdbcAuditTrail trail, UUID verification) {
            return trail == JdbcAuditTrail.this && verificationId.equals(verification);
        }

        @Override
        public void afterCommit() {
            sealer.sealSoon(verificationId);
        }
    }

    private void append(AuditEvent event) {
        jdbc.sql("INSERT INTO audit_event (verification_id, occurred_at, type, actor, details) VALUES (?, ?, ?, ?, ?)")
                .params(event.verificationId(), toSql(event.at()), event.type().name(), event.actor().id(),
                        json.details(event.details()))
                .update();
    }
}
