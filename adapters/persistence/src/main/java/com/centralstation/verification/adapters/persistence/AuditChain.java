package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.AuditChainCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;

/**
 * Seals committed audit rows into each verification's hash chain, and checks a chain.
 * <p>
 * Sealing runs in short transactions of its own and only ever touches committed, unsealed rows, so it
 * never waits on a caller's open transaction (which may have written rows of the same verification).
 * Two sealers of one verification race optimistically: the unique place in the chain, and the update
 * that only seals a row still unsealed, let one win; the other rolls back and starts again from the
 * new end of the chain. The chain's order is the order rows were sealed in, which is the order they
 * committed in, not necessarily the order of their ids. Each sealing publishes the chain's new head
 * ({@link AuditChainHeads}).
 * <p>
 * A check only reads. It never seals: a row whose seal was removed must show, as unsealed or as a gap in
 * the chain, not be sealed again with whatever it holds now.
 */
final class AuditChain {

    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    private static final int ATTEMPTS = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;
    private final AuditRowHash hash;
    private final AuditChainHeads heads;

    AuditChain(JdbcClient jdbc, TransactionTemplate independent, AuditRowHash hash, AuditChainHeads heads) {
        this.jdbc = jdbc;
        this.independent = independent;
        this.hash = hash;
        this.heads = heads;
    }

    /**
     * Seals the verification's unsealed rows. A row that cannot be sealed now stays unsealed and is
     * taken by the next seal of its verification or the next start-up; the check counts it meanwhile.
     */
    void seal(UUID verificationId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                publish(verificationId, independent.execute(status -> sealOnce(verificationId)));
                return;
            } catch (LostRace | DataAccessException race) {
                log.debug("sealing the audit chain of {} raced another sealer (attempt {})", verificationId, attempt, race);
            }
        }
        log.warn("audit rows of verification {} stay unsealed after {} attempts; the next seal takes them",
                verificationId, ATTEMPTS);
    }

    /**
     * Seals the unsealed rows of several verifications in one transaction; when that races another sealer, each
     * verification on its own.
     */
    void seal(Collection<UUID> verificationIds) {
        Map<UUID, Sealed> sealed;
        try {
            sealed = independent.execute(status -> {
                Map<UUID, Sealed> each = new LinkedHashMap<>();
                verificationIds.forEach(verificationId -> each.put(verificationId, sealOnce(verificationId)));
                return each;
            });
        } catch (LostRace | DataAccessException race) {
            log.debug("sealing {} audit chains together raced another sealer; sealing them one by one",
                    verificationIds.size(), race);
            verificationIds.forEach(this::seal);
            return;
        }
        // published once committed: a head names only what a check will find sealed
        if (sealed != null) {
            sealed.forEach(this::publish);
        }
    }

    private void publish(UUID verificationId, Sealed sealed) {
        if (sealed != null && sealed.rows() > 0) {
            heads.sealed(verificationId, sealed.position(), sealed.hash(), sealed.rows());
        }
    }

    /** Seals every unsealed row, verification by verification: rows migrated from before the chain, or left by a crash. */
    void sealAll() {
        List<UUID> unsealed = jdbc.sql("SELECT DISTINCT verification_id FROM audit_event WHERE chain_position IS NULL")
                .query(UUID.class).list();
        for (int from = 0; from < unsealed.size(); from += AuditSealer.BATCH) {
            seal(unsealed.subList(from, Math.min(unsealed.size(), from + AuditSealer.BATCH)));
        }
        if (!unsealed.isEmpty()) {
            log.info("sealed the audit chains of {} verifications", unsealed.size());
        }
    }

    /** Recomputes the chain as stored, from its first row; rows without a seal are counted, not sealed. */
    AuditChainCheck check(UUID verificationId) {
        int unsealed = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE verification_id = ? AND chain_position IS NULL")
                .param(verificationId).query(Integer.class).single();
        List<SealedRow> chain = jdbc.sql("""
                        SELECT verification_id, occurred_at, type, actor, details, chain_position, previous_hash, row_hash
                          FROM audit_event
                         WHERE verification_id = ? AND chain_position IS NOT NULL
                         ORDER BY chain_position
                        """)
                .param(verificationId)
                .query((row, rowNumber) -> SealedRow.of(row))
                .list();
        Optional<Instant> rekeyedAt = jdbc.sql("SELECT rekeyed_at FROM audit_chain_rekeyed WHERE verification_id = ?")
                .param(verificationId).query((row, rowNumber) -> fromSql(row, "rekeyed_at")).optional();
        String previous = null;
        long expectedPosition = 1;
        for (SealedRow row : chain) {
            Optional<String> fault = row.fault(expectedPosition, previous, hash);
            if (fault.isPresent()) {
                return new AuditChainCheck(chain.size(), unsealed,
                        Optional.of(new AuditChainCheck.TamperedRow(row.position(), row.at(), row.type(), fault.get())),
                        Optional.empty(), rekeyedAt);
            }
            previous = row.rowHash();
            expectedPosition++;
        }
        Optional<AuditChainCheck.Head> head = chain.isEmpty() ? Optional.empty() : Optional.of(new AuditChainCheck.Head(
                chain.get(chain.size() - 1).position(), AuditChainHeads.shown(previous)));
        return new AuditChainCheck(chain.size(), unsealed, Optional.empty(), head, rekeyedAt);
    }

    private Sealed sealOnce(UUID verificationId) {
        Optional<Link> end = jdbc.sql("""
                        SELECT chain_position, row_hash FROM audit_event
                         WHERE verification_id = ? AND chain_position IS NOT NULL
                         ORDER BY chain_position DESC FETCH FIRST 1 ROWS ONLY
                        """)
                .param(verificationId)
                .query((row, rowNumber) -> new Link(row.getLong("chain_position"), row.getString("row_hash")))
                .optional();
        long position = end.map(Link::position).orElse(0L);
        String previous = end.map(Link::hash).orElse(null);
        List<UnsealedRow> rows = jdbc.sql("""
                        SELECT id, occurred_at, type, actor, details FROM audit_event
                         WHERE verification_id = ? AND chain_position IS NULL
                         ORDER BY id
                        """)
                .param(verificationId)
                .query((row, rowNumber) -> new UnsealedRow(row.getLong("id"), fromSql(row, "occurred_at"),
                        row.getString("type"), row.getString("actor"), row.getString("details")))
                .list();
        for (UnsealedRow row : rows) {
            position++;
            String rowHash = hash.of(previous, verificationId, row.at(), row.type(), row.actor(), row.details());
            int sealed = jdbc.sql("""
                            UPDATE audit_event SET chain_position = ?, previous_hash = ?, row_hash = ?
                             WHERE id = ? AND chain_position IS NULL
                            """)
                    .params(position, previous, rowHash, row.id())
                    .update();
            if (sealed == 0) {
                throw new LostRace();
            }
            previous = rowHash;
        }
        return new Sealed(position, previous, rows.size());
    }

    private record Link(long position, String hash) {
    }

    private record Sealed(long position, String hash, int rows) {
    }

    private record UnsealedRow(long id, Instant at, String type, String actor, String details) {
    }

    private record SealedRow(UUID verificationId, Instant at, String type, String actor, String details, long position,
                             String previousHash, String rowHash) {

        static SealedRow of(ResultSet row) throws SQLException {
            return new SealedRow(row.getObject("verification_id", UUID.class), fromSql(row, "occurred_at"),
                    row.getString("type"), row.getString("actor"), row.getString("details"), row.getLong("chain_position"),
                    row.getString("previous_hash"), row.getString("row_hash"));
        }

        Optional<String> fault(long expectedPosition, String expectedPrevious, AuditRowHash hash) {
            if (position != expectedPosition) {
                return Optional.of("chain position " + position + " where " + expectedPosition
                        + " was expected: a row before it was removed, or its seal was");
            }
            if (!Objects.equals(previousHash, expectedPrevious)) {
                return Optional.of("its previous hash does not match the row before it: a row before it was removed,"
                        + " rewritten or moved");
            }
            if (!hash.of(previousHash, verificationId, at, type, actor, details).equals(rowHash)) {
                return Optional.of("its content does not match its hash: the row was changed after it was written,"
                        + " or its hash was computed without the chain's key");
            }
            return Optional.empty();
        }
    }

    /** Another sealer sealed a row of this verification first. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super("another sealer sealed this verification's rows first", null, false, false);
        }
    }
}
