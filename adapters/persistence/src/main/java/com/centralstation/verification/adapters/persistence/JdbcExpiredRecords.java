package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.ExpiredRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/** Removes expired rows of {@code webhook_delivery}, {@code response_token} and {@code notification_attempt}. */
final class JdbcExpiredRecords implements ExpiredRecords {

    /** States a verification ends in: {@code updated_at} is then when it ended. */
    private static final List<String> ENDED = Arrays.stream(VerificationState.values()).filter(s -> !s.isOpen()
            && s != VerificationState.DECIDED).map(VerificationState::name).toList();

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;

    JdbcExpiredRecords(JdbcClient jdbc, TransactionTemplate independent) {
        this.jdbc = jdbc;
        this.independent = independent;
    }

    @Override
    public int removeOfVerificationsEndedBefore(Instant endedBefore, int verifications) {
        return independent.execute(status -> {
            List<UUID> ids = jdbc.sql("""
                            SELECT v.verification_id FROM verification v
                             WHERE v.state IN (:ended) AND v.updated_at < :cutoff
                               AND (EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.verification_id = v.verification_id)
                                 OR EXISTS (SELECT 1 FROM response_token t WHERE t.verification_id = v.verification_id)
                                 OR EXISTS (SELECT 1 FROM notification_attempt a WHERE a.verification_id = v.verification_id))
                             ORDER BY v.updated_at
                             FETCH FIRST :batch ROWS ONLY
                            """)
                    .param("ended", ENDED).param("cutoff", toSql(endedBefore)).param("batch", verifications)
                    .query(UUID.class).list();
            if (ids.isEmpty()) {
                return 0;
            }
            int removed = 0;
            for (String table : List.of("webhook_delivery", "response_token", "notification_attempt")) {
                removed += jdbc.sql("DELETE FROM " + table + " WHERE verification_id IN (:ids)").param("ids", ids).update();
            }
            return removed;
        });
    }

    @Override
    public int removeUnattachedDeliveriesBefore(Instant receivedBefore, int rows) {
        return independent.execute(status -> jdbc.sql("""
                        DELETE FROM webhook_delivery WHERE event_id IN (
                            SELECT d.event_id FROM webhook_delivery d
                             WHERE d.received_at < :cutoff
                               AND NOT EXISTS (SELECT 1 FROM verification v WHERE v.verification_id = d.verification_id)
                             FETCH FIRST :batch ROWS ONLY)
                        """)
                .param("cutoff", toSql(receivedBefore)).param("batch", rows)
                .update());
    }
}
