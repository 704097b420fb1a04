package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/** Response-link tokens in {@code response_token}, by hash only. */
final class JdbcResponseTokenStore implements ResponseTokenStore {

    private final JdbcClient jdbc;

    JdbcResponseTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the caller's transaction: the notification commits the token together with its notified contact. */
    @Override
    public void save(ResponseToken token) {
        jdbc.sql("""
                        INSERT INTO response_token (token_hash, verification_id, contact_id, expires_at, used_at)
                        VALUES (?, ?, ?, ?, ?)
                        """)
                .params(token.tokenHash(), token.verificationId(), token.contactId(), toSql(token.expiresAt()),
                        toSql(token.usedAt().orElse(null)))
                .update();
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
