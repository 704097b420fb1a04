package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/** Response-link tokens in {@code response_token}, by hash only. */
final class JdbcResponseTokenStore implements ResponseTokenStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;

    JdbcResponseTokenStore(JdbcClient jdbc, TransactionTemplate independent) {
        this.jdbc = jdbc;
        this.independent = independent;
    }

    /**
     * Commits on its own: the link leaves in a message before the notification job commits, and must work
     * even if that job then rolls back (its retry sends a second message with a second, equally valid link).
     */
    @Override
    public void save(ResponseToken token) {
        independent.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO response_token (token_hash, verification_id, contact_id, expires_at, used_at)
                        VALUES (?, ?, ?, ?, ?)
                        """)
                .params(token.tokenHash(), token.verificationId(), token.contactId(), toSql(token.expiresAt()),
                        toSql(token.usedAt().orElse(null)))
                .update());
    }

    @Override
    public Optional<ResponseToken> find(String tokenHash) {
        return jdbc.sql("SELECT token_hash, verification_id, contact_id, expires_at, used_at FROM response_token WHERE token_hash = ?")
                .param(tokenHash)
                .query((row, rowNumber) -> new ResponseToken(row.getString("token_hash").strip(),
                        row.getObject("verification_id", UUID.class), row.getLong("contact_id"),
                        fromSql(row, "expires_at"), Optional.ofNullable(fromSql(row, "used_at"))))
                .optional();
    }

    @Override
    public boolean markUsed(String tokenHash, Instant usedAt) {
        // One conditional update: of two clicks at once, exactly one finds the token unused.
        return jdbc.sql("UPDATE response_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
                .params(toSql(usedAt), tokenHash)
                .update() == 1;
    }
}
