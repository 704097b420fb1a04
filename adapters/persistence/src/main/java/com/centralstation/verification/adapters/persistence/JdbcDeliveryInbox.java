package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * Webhook deliveries by CHeKT event id in {@code webhook_delivery}, with their raw bodies; the primary key spots a
 * redelivery, the unique {@code requested_verification_id} a second delivery of the same request. A request waits in
 * its row ({@code start_rank} set) until a starter takes it. On PostgreSQL starters take rows {@code FOR UPDATE SKIP
 * LOCKED}: each locks only the rows it returns, so starters on several nodes share the waiting rows without waiting
 * for each other. H2 locks every row such a query reads before it sorts and limits (all waiting rows, for each batch),
 * and runs one node with one starter: there rows are taken without a lock. Either way a verification starts once: its
 * row in {@code verification} is unique.
 */
final class JdbcDeliveryInbox implements DeliveryInbox {

    private static final String WAITING_COLUMNS = "event_id, requested_verification_id, start_rank, received_at, body, start_attempts";

    private final JdbcClient jdbc;
    private final TransactionTemplate underSavepoint;
    /** {@code FOR UPDATE SKIP LOCKED}, or nothing. */
    private final String takeLock;
    /** The next number of the sequence {@code inbox_arrival}, in the database's own words. */
    private final String nextArrival;

    /**
     * @param postgres whether the database is PostgreSQL (else H2): there several starters take rows at once, so rows
     *                 are locked when taken
     */
    JdbcDeliveryInbox(JdbcClient jdbc, TransactionTemplate underSavepoint, boolean postgres) {
        this.jdbc = jdbc;
        this.underSavepoint = underSavepoint;
        this.takeLock = postgres ? " FOR UPDATE SKIP LOCKED" : "";
        this.nextArrival = postgres ? "nextval('inbox_arrival')" : "NEXT VALUE FOR inbox_arrival";
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

    @Override
    public boolean awaitStart(String eventId, ChektReference chekt, Alarm alarm, AlarmClass alarmClass) {
        try {
            underSavepoint.executeWithoutResult(status -> jdbc.sql("UPDATE webhook_delivery SET"
                            + " requested_verification_id = ?, start_rank = ?, dealer_id = ?, site_id = ?, alarm_trigger = ?,"
                            + " alarm_location = ?, arrival = " + nextArrival + " WHERE event_id = ?")
                    .params(chekt.verificationId(), alarmClass.rank(), chekt.site().dealerId(), chekt.site().siteId(),
                            alarm.trigger(), alarm.location(), eventId)
                    .update());
            return true;
        } catch (DuplicateKeyException anotherDelivery) {
            return false;
        }
    }

    @Override
    public List<WaitingRequest> nextToStart(int limit) {
        return inOrder(limit, takeLock);
    }

    @Override
    public Optional<WaitingRequest> takeWaiting(String eventId) {
        return jdbc.sql("SELECT " + WAITING_COLUMNS + " FROM webhook_delivery WHERE event_id = ? AND start_rank >= 0" + takeLock)
                .param(eventId)
                .query(this::waitingRow)
                .optional();
    }

    @Override
    public void leaveWaiting(String eventId) {
        jdbc.sql("UPDATE webhook_delivery SET start_rank = NULL WHERE event_id = ?").param(eventId).update();
    }

    @Override
    public int failedToStart(String eventId) {
        jdbc.sql("UPDATE webhook_delivery SET start_attempts = start_attempts + 1 WHERE event_id = ?").param(eventId).update();
        return jdbc.sql("SELECT start_attempts FROM webhook_delivery WHERE event_id = ?").param(eventId).query(Integer.class)
                .single();
    }

    @Override
    public Optional<WaitingRequest> waiting(UUID verificationId) {
        return jdbc.sql("SELECT " + WAITING_COLUMNS + " FROM webhook_delivery WHERE requested_verification_id = ? AND start_rank >= 0")
                .param(verificationId)
                .query(this::waitingRow)
                .optional();
    }

    @Override
    public List<WaitingRequest> waiting(int limit) {
        return inOrder(limit, "");
    }

    /** The waiting requests by class, then arrival: the index's order. */
    private List<WaitingRequest> inOrder(int limit, String lock) {
        return jdbc.sql("SELECT " + WAITING_COLUMNS + """
                         FROM webhook_delivery
                         WHERE start_rank >= 0
                         ORDER BY start_rank, received_at, event_id
                         FETCH FIRST ? ROWS ONLY
                        """ + lock)
                .param(limit)
                .query(this::waitingRow)
                .list();
    }

    @Override
    public long waitingCount() {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE start_rank >= 0").query(Long.class).single();
    }

    private WaitingRequest waitingRow(ResultSet row, int rowNumber) throws SQLException {
        return new WaitingRequest(row.getString("event_id"), row.getObject("requested_verification_id", UUID.class),
                AlarmClass.ofRank(row.getInt("start_rank")), fromSql(row, "received_at"), row.getBytes("body"),
                row.getInt("start_attempts"));
    }
}
