package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.port.out.DeliveryInbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/** Webhook deliveries by CHeKT event id in {@code webhook_delivery}, with their raw bodies; the primary key spots a redelivery. */
final class JdbcDeliveryInbox implements DeliveryInbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate underSavepoint;

    JdbcDeliveryInbox(JdbcClient jdbc, TransactionTemplate underSavepoint) {
        this.jdbc = jdbc;
        this.underSavepoint = underSavepoint;
    }

    @Override
    public boolean firstDelivery(String eventId, String eventType, UUID verificationId, byte[] body, Instant receivedAt) {
        try {
            underSavepoint.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO webhook_delivery (event_id, event_type, verification_id, body, received_at)
                            VALUES (?, ?, ?, ?, ?)
                            """)
                    .params(eventId, eventType, verificationId, body, toSql(receivedAt))
                    .update());
            return true;
        } catch (DuplicateKeyException redelivery) {
            return false;
        }
    }
}
