package com.centralstation.verification.adapters.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * Re-seals, once, the chains sealed before the chain had a key (the list migration V8 left): each chain is first
 * verified under its old unkeyed hash, then every row's hash is recomputed with the key, in chain order, in one
 * transaction per chain. A chain that does not verify under the old hash keeps it, and fails every keyed check
 * from then on, as it should. Each chain's re-keying is recorded ({@code audit_chain_rekeyed}) and logged, so an
 * auditor can tell when the keyed chain began and that the unkeyed one held until then.
 */
final class AuditChainRekeying {

    private static final Logger log = LoggerFactory.getLogger(AuditChainRekeying.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;
    private final AuditRowHash hash;
    private final Clock clock;

    AuditChainRekeying(JdbcClient jdbc, TransactionTemplate independent, AuditRowHash hash, Clock clock) {
        this.jdbc = jdbc;
        this.independent = independent;
        this.hash = hash;
        this.clock = clock;
    }

    void rekeyPendingChains() {
        List<UUID> pending = jdbc.sql("SELECT verification_id FROM audit_chain_rekey_pending").query(UUID.class).list();
        int failed = 0;
        for (UUID verificationId : pending) {
            Boolean verified = independent.execute(status -> rekey(verificationId));
            if (Boolean.FALSE.equals(verified)) {
                failed++;
            }
        }
        if (!pending.isEmpty()) {
            log.warn("Re-keyed the audit chains sealed before verification.audit.chain-key: {} chains, {} of which did not"
                    + " verify under their old unkeyed hash and keep it (they fail every check); see audit_chain_rekeyed",
                    pending.size(), failed);
        }
    }

    /** @return whether the old chain verified; null when another node took this chain first */
    private Boolean rekey(UUID verificationId) {
        // taking the chain off the list first locks it against a second node starting at the same time
        int taken = jdbc.sql("DELETE FROM audit_chain_rekey_pending WHERE verification_id = ?").param(verificationId).update();
        if (taken == 0) {
            return null;
        }
        List<Row> chain = jdbc.sql("""
                        SELECT id, occurred_at, type, actor, details, chain_position, previous_hash, row_hash
                          FROM audit_event
                         WHERE verification_id = ? AND chain_position IS NOT NULL
                         ORDER BY chain_position
                        """)
                .param(verificationId)
                .query((row, rowNumber) -> new Row(row.getLong("id"), fromSql(row, "occurred_at"), row.getString("type"),
                        row.getString("actor"), row.getString("details"), row.getLong("chain_position"),
                        row.getString("previous_hash"), row.getString("row_hash")))
                .list();
        boolean verified = verifiesUnkeyed(verificationId, chain);
        String unkeyedHead = chain.isEmpty() ? null : chain.get(chain.size() - 1).rowHash();
        String keyedHead = null;
        if (verified) {
            for (Row row : chain) {
                String rowHash = hash.of(keyedHead, verificationId, row.at(), row.type(), row.actor(), row.details());
                jdbc.sql("UPDATE audit_event SET previous_hash = ?, row_hash = ? WHERE id = ?")
                        .params(keyedHead, rowHash, row.id()).update();
                keyedHead = rowHash;
            }
        } else {
            log.warn("The audit chain of verification {} did not verify under its old unkeyed hash; it is not re-keyed"
                    + " and fails every check", verificationId);
        }
        jdbc.sql("""
                        INSERT INTO audit_chain_rekeyed
                               (verification_id, rekeyed_at, rows_rekeyed, unkeyed_verified, unkeyed_head, keyed_head)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(verificationId, toSql(clock.instant()), verified ? chain.size() : 0, verified, unkeyedHead, keyedHead)
                .update();
        return verified;
    }

    private static boolean verifiesUnkeyed(UUID verificationId, List<Row> chain) {
        String previous = null;
        long expected = 1;
        for (Row row : chain) {
            if (row.position() != expected++ || !Objects.equals(row.previousHash(), previous)
                    || !AuditRowHash.unkeyed(previous, verificationId, row.at(), row.type(), row.actor(), row.details())
                    .equals(row.rowHash())) {
                return false;
            }
            previous = row.rowHash();
        }
        return true;
    }

    private record Row(long id, Instant at, String type, String actor, String details, long position, String previousHash,
                       String rowHash) {
    }
}
