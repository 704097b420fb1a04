package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.QuarantinedDelivery;
import com.centralstation.verification.core.domain.RefusedDelivery;
import com.centralstation.verification.core.port.out.RefusedDeliveries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/** The quarantine in {@code refused_delivery}: written in its own transaction, read newest first, purged by age and count. */
final class JdbcRefusedDeliveries implements RefusedDeliveries {

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;
    private final StoredJson json;

    JdbcRefusedDeliveries(JdbcClient jdbc, TransactionTemplate independent, StoredJson json) {
        this.jdbc = jdbc;
        this.independent = independent;
        this.json = json;
    }

    @Override
    public long keep(RefusedDelivery delivery) {
        KeyHolder key = new GeneratedKeyHolder();
        independent.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO refused_delivery (received_at, reason, field, detail, headers, body)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(toSql(delivery.receivedAt()), delivery.reason(), cut(delivery.field(), 255),
                        cut(delivery.detail(), 1000), json.details(delivery.headers()), delivery.body())
                .update(key, "id"));
        return key.getKeyAs(Number.class).longValue();
    }

    @Override
    public List<QuarantinedDelivery> newestFirst(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id, received_at, reason, field, detail, headers, body
                          FROM refused_delivery
                         ORDER BY received_at DESC, id DESC
                         LIMIT ?
                        """)
                .param(limit)
                .query((row, rowNumber) -> new QuarantinedDelivery(row.getLong("id"), new RefusedDelivery(fromSql(row, "received_at"),
                        row.getString("reason"), row.getString("field"), row.getString("detail"),
                        json.details(row.getString("headers")), row.getBytes("body"))))
                .list();
    }

    @Override
    public int discard(Instant cutoff, int keepAtMost) {
        int old = jdbc.sql("DELETE FROM refused_delivery WHERE received_at < ?").param(toSql(cutoff)).update();
        int surplus = jdbc.sql("""
                        DELETE FROM refused_delivery
                         WHERE id NOT IN (SELECT id FROM refused_delivery ORDER BY received_at DESC, id DESC LIMIT ?)
                        """)
                .param(Math.max(keepAtMost, 0))
                .update();
        return old + surplus;
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
