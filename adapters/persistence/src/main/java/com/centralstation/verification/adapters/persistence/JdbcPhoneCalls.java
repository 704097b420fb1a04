package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.CallStatus;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.PhoneCalls;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * Phone calls in {@code phone_call}. A call is inserted in a transaction of its own before the provider is asked to
 * place it, then locked by the notification's transaction: a callback that overtakes that transaction finds the
 * call and waits for the commit. Every change a callback makes locks the row first ({@code FOR UPDATE}), so
 * callbacks about one call are taken one after another.
 */
final class JdbcPhoneCalls implements PhoneCalls {

    private static final String COLUMNS = """
            call_id, verification_id, contact_id, position, to_number, placed_at, call_sid, status, last_sequence,
            status_changes, keys_pressed, answered_by, duration_seconds, confirmed_action, ended_at""";

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;
    private final StoredJson json;

    JdbcPhoneCalls(JdbcClient jdbc, TransactionTemplate independent, StoredJson json) {
        this.jdbc = jdbc;
        this.independent = independent;
        this.json = json;
    }

    @Override
    public void open(PhoneCall call) {
        independent.executeWithoutResult(status -> jdbc.sql("INSERT INTO phone_call (" + COLUMNS + """
                        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(call.callId(), call.verificationId(), call.contactId(), call.position(), call.to(),
                        toSql(call.placedAt()), call.callSid().orElse(null), call.status().name(),
                        nullable(call.lastSequence()), json.statusChanges(call.statusChanges()), json.keyPresses(call.keys()),
                        call.answeredBy().orElse(null), nullable(call.durationSeconds()),
                        call.confirmed().map(Enum::name).orElse(null), toSql(call.endedAt().orElse(null)))
                .update());
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Held until the caller's transaction ends: a callback about this call waits for it.
            jdbc.sql("SELECT call_id FROM phone_call WHERE call_id = ? FOR UPDATE").param(call.callId())
                    .query(String.class).single();
        }
    }

    @Override
    public void placed(String callId, String callSid) {
        jdbc.sql("UPDATE phone_call SET call_sid = ? WHERE call_id = ? AND call_sid IS NULL")
                .params(callSid, callId)
                .update();
    }

    @Override
    public Optional<PhoneCall> find(String callId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM phone_call WHERE call_id = ?").param(callId).query(this::call).optional();
    }

    @Override
    public Optional<Change> change(String callId, UnaryOperator<PhoneCall> change) {
        return independent.execute(status -> {
            Optional<PhoneCall> before = jdbc.sql("SELECT " + COLUMNS + " FROM phone_call WHERE call_id = ? FOR UPDATE")
                    .param(callId).query(this::call).optional();
            return before.map(call -> {
                Change result = new Change(call, change.apply(call));
                if (result.changed()) {
                    update(result.after());
                }
                return result;
            });
        });
    }

    private void update(PhoneCall call) {
        jdbc.sql("""
                        UPDATE phone_call
                           SET call_sid = ?, status = ?, last_sequence = ?, status_changes = ?, keys_pressed = ?,
                               answered_by = ?, duration_seconds = ?, confirmed_action = ?, ended_at = ?
                         WHERE call_id = ?
                        """)
                .params(call.callSid().orElse(null), call.status().name(), nullable(call.lastSequence()),
                        json.statusChanges(call.statusChanges()), json.keyPresses(call.keys()), call.answeredBy().orElse(null),
                        nullable(call.durationSeconds()), call.confirmed().map(Enum::name).orElse(null),
                        toSql(call.endedAt().orElse(null)), call.callId())
                .update();
    }

    @Override
    public List<PhoneCall> ofVerification(UUID verificationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM phone_call WHERE verification_id = ? ORDER BY placed_at, position, call_id")
                .param(verificationId).query(this::call).list();
    }

    private PhoneCall call(ResultSet row, int rowNumber) throws SQLException {
        return new PhoneCall(row.getString("call_id"), row.getObject("verification_id", UUID.class),
                row.getLong("contact_id"), row.getInt("position"), row.getString("to_number"), fromSql(row, "placed_at"),
                Optional.ofNullable(row.getString("call_sid")), CallStatus.valueOf(row.getString("status")),
                optionalInt(row, "last_sequence"), json.statusChanges(row.getString("status_changes")),
                Optional.ofNullable(row.getString("answered_by")), optionalInt(row, "duration_seconds"),
                json.keyPresses(row.getString("keys_pressed")),
                Optional.ofNullable(row.getString("confirmed_action")).map(VerificationAction::valueOf),
                Optional.ofNullable(fromSql(row, "ended_at")));
    }

    private static OptionalInt optionalInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static Integer nullable(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }
}
