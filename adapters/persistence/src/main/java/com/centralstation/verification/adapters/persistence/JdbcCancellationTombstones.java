package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.Tombstone;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * The first signal per verification in {@code verification_signal}. Both the request and a cancellation
 * insert under the same primary key: an insert that meets another transaction's uncommitted row waits for
 * it (H2 and PostgreSQL alike) and then fails as a duplicate, after which the row is readable.
 */
final class JdbcCancellationTombstones implements CancellationTombstones {

    static final String REQUESTED = "verification.requested";

    private final JdbcClient jdbc;
    private final TransactionTemplate underSavepoint;

    JdbcCancellationTombstones(JdbcClient jdbc, TransactionTemplate underSavepoint) {
        this.jdbc = jdbc;
        this.underSavepoint = underSavepoint;
    }

    @Override
    public Optional<Tombstone> requestArrived(UUID verificationId, Instant at) {
        if (firstSignal(verificationId, REQUESTED, at)) {
            return Optional.empty();
        }
        return cancellation(verificationId);
    }

    @Override
    public Optional<Tombstone> cancellation(UUID verificationId) {
        return jdbc.sql("SELECT first_signal, received_at FROM verification_signal WHERE verification_id = ?")
                .param(verificationId)
                .query((row, rowNumber) -> REQUESTED.equals(row.getString("first_signal")) ? null
                        : new Tombstone(verificationId, row.getString("first_signal"), fromSql(row, "received_at")))
                .optional();
    }

    @Override
    public boolean leave(Tombstone tombstone) {
        return firstSignal(tombstone.verificationId(), tombstone.reason(), tombstone.at());
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM verification_signal WHERE received_at < ?").param(toSql(cutoff)).update();
    }

    private boolean firstSignal(UUID verificationId, String signal, Instant at) {
        try {
            underSavepoint.executeWithoutResult(status -> jdbc.sql(
                            "INSERT INTO verification_signal (verification_id, first_signal, received_at) VALUES (?, ?, ?)")
                    .params(verificationId, signal, toSql(at))
                    .update());
            return true;
        } catch (DuplicateKeyException another) {
            return false;
        }
    }
}
