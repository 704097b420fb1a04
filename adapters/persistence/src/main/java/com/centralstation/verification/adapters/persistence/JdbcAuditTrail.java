package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditChainCheck;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.AuditTrailHead;
import com.centralstation.verification.core.port.out.AuditTrail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

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
    /** How long a check waits for the seals this node queued before it. */
    private static final Duration SEALING_WAIT = Duration.ofSeconds(5);
    /** Rows a streamed read fetches at a time. */
    static final int FETCH_SIZE = 500;

    private final AuditChain chain;
    private final AuditSealer sealer;
    private final AuditChainRekeying rekeying;
    private final JdbcTemplate streaming;
    private final TransactionTemplate reading;

    /**
     * @param streaming for reads of many rows, handed over one at a time
     * @param reading the read-only transaction such a read runs in
     */
    JdbcAuditTrail(JdbcClient jdbc, JdbcTemplate streaming, TransactionTemplate independent, TransactionTemplate reading,
                   StoredJson json, AuditRowHash hash, Clock clock) {
        this.jdbc = jdbc;
        this.streaming = streaming;
        this.reading = reading;
        this.independent = independent;
        this.json = json;
        this.chain = new AuditChain(jdbc, independent, hash, new AuditChainHeads());
        this.sealer = new AuditSealer(chain);
        this.rekeying = new AuditChainRekeying(jdbc, independent, hash, clock);
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

    /** Waits for the seals this node queued (rows its callers committed just before), never seals itself. */
    @Override
    public AuditChainCheck checkChain(UUID verificationId) {
        sealer.awaitQueued(SEALING_WAIT);
        return chain.check(verificationId);
    }

    @Override
    public Optional<AuditTrailHead> newestSealedRow() {
        return jdbc.sql("""
                        SELECT id, verification_id, chain_position, row_hash FROM audit_event
                         WHERE chain_position IS NOT NULL
                         ORDER BY id DESC FETCH FIRST 1 ROWS ONLY
                        """)
                .query((row, rowNumber) -> new AuditTrailHead(row.getLong("id"), row.getObject("verification_id", UUID.class),
                        row.getLong("chain_position"), AuditChainHeads.shown(row.getString("row_hash"))))
                .optional();
    }

    /**
     * At start-up: re-keys the chains sealed before the chain had a key, then seals the rows left unsealed by a
     * crash or written before the chain existed.
     */
    void completeChains() {
        rekeying.rekeyPendingChains();
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
    public int eachOfTypeSince(AuditEventType type, Instant since, int limit, Consumer<AuditEvent> each) {
        return stream("""
                SELECT verification_id, occurred_at, type, actor, details
                  FROM audit_event
                 WHERE type = ? AND occurred_at >= ?
                 ORDER BY occurred_at DESC, id DESC
                 FETCH FIRST ? ROWS ONLY
                """, each, type.name(), toSql(since), limit);
    }

    @Override
    public int eachOfTypeForLatestVerifications(AuditEventType type, int verifications, int limit, Consumer<AuditEvent> each) {
        return stream("""
                SELECT verification_id, occurred_at, type, actor, details
                  FROM audit_event
                 WHERE type = ? AND verification_id IN (
                       SELECT verification_id FROM audit_event WHERE type = ?
                        GROUP BY verification_id
                        ORDER BY MAX(occurred_at) DESC
                        FETCH FIRST ? ROWS ONLY)
                 ORDER BY occurred_at DESC, id DESC
                 FETCH FIRST ? ROWS ONLY
                """, each, type.name(), type.name(), verifications, limit);
    }

    /**
     * Reads row by row in a read-only transaction: PostgreSQL then keeps a cursor and sends {@value #FETCH_SIZE} rows at
     * a time (outside a transaction its driver reads the whole result first); H2 keeps large results on disk.
     */
    private int stream(String sql, Consumer<AuditEvent> each, Object... params) {
        Integer handed = reading.execute(status -> {
            int[] count = {0};
            streaming.query(sql, (RowCallbackHandler) row -> {
                each.accept(event(row, count[0]));
                count[0]++;
            }, params);
            return count[0];
        });
        return handed == null ? 0 : handed;
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
