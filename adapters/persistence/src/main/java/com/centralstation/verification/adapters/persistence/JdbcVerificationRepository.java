package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.DuplicateVerificationException;
import com.centralstation.verification.core.port.out.VerificationRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * Verifications in the {@code verification} and {@code notified_contact} tables. The primary key on
 * the CHeKT UUID and conditional updates on {@code state} make "one verification per UUID" and
 * "first decision wins" hold across threads and cluster nodes, without locks held in Java.
 */
final class JdbcVerificationRepository implements VerificationRepository {

    private static final Set<VerificationState> CLOSING_STATES =
            EnumSet.of(VerificationState.CLOSED_BY_CHEKT, VerificationState.CLOSED_UNVERIFIED, VerificationState.CANCELLED,
                    VerificationState.DISPATCH_NOT_TAKEN, VerificationState.CANCELLED_BY_SUPERVISOR);

    private static final String SELECT_VERIFICATION = """
            SELECT verification_id, dealer_id, site_id, alarm_verification_id,
                   alarm_id, alarm_trigger, alarm_priority, alarm_location, alarm_snapshot_url, alarm_occurred_at,
                   call_list, received_at, alarm_class, state,
                   decision_contact_id, decision_action, decision_responded_at, decision_source,
                   submission_chekt_id, submission_trace_id, submitted_at, submission_http_status, close_reason
              FROM verification
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate underSavepoint;
    private final StoredJson json;
    private final Clock clock;

    JdbcVerificationRepository(JdbcClient jdbc, TransactionTemplate underSavepoint, StoredJson json, Clock clock) {
        this.jdbc = jdbc;
        this.underSavepoint = underSavepoint;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void add(Verification verification) {
        Alarm alarm = verification.alarm();
        ChektReference chekt = verification.chekt();
        try {
            underSavepoint.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO verification (verification_id, dealer_id, site_id, alarm_verification_id,
                                alarm_id, alarm_trigger, alarm_priority, alarm_location, alarm_snapshot_url, alarm_occurred_at,
                                call_list, received_at, alarm_class, state, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(chekt.verificationId(), chekt.site().dealerId(), chekt.site().siteId(), chekt.alarmVerificationId(),
                            alarm.alarmId(), alarm.trigger(), alarm.priority(), alarm.location(), alarm.snapshotUrl(),
                            toSql(alarm.occurredAt()), json.callList(verification.callList()), toSql(verification.receivedAt()),
                            verification.alarmClass().code(), VerificationState.OPEN.name(), toSql(clock.instant()))
                    .update());
        } catch (DuplicateKeyException alreadyStored) {
            throw new DuplicateVerificationException(verification.id(), alreadyStored);
        }
    }

    @Override
    public Optional<VerificationRecord> find(UUID verificationId) {
        return jdbc.sql(SELECT_VERIFICATION + " WHERE verification_id = ?")
                .param(verificationId)
                .query(this::storedVerification)
                .optional()
                .map(stored -> stored.withNotified(notifiedContacts(List.of(verificationId)).getOrDefault(verificationId, List.of())));
    }

    @Override
    public List<VerificationRecord> findByState(VerificationState state, int limit) {
        return listed("WHERE state = ? ORDER BY received_at, verification_id", limit, state.name());
    }

    @Override
    public List<VerificationRecord> findRecentAtSite(SiteRef site, int limit) {
        return listed("WHERE dealer_id = ? AND site_id = ? ORDER BY received_at DESC, verification_id DESC", limit,
                site.dealerId(), site.siteId());
    }

    /** Up to {@code limit} verifications the condition and order select, each with its notified contacts. */
    private List<VerificationRecord> listed(String conditionAndOrder, int limit, Object... params) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        Object[] withLimit = Arrays.copyOf(params, params.length + 1);
        withLimit[params.length] = limit;
        return withNotified(jdbc.sql(SELECT_VERIFICATION + " " + conditionAndOrder + " LIMIT ?")
                .params(withLimit)
                .query(this::storedVerification)
                .list());
    }

    private List<VerificationRecord> withNotified(List<StoredVerification> found) {
        Map<UUID, List<NotifiedContact>> notified = notifiedContacts(found.stream().map(StoredVerification::id).toList());
        return found.stream().map(stored -> stored.withNotified(notified.getOrDefault(stored.id(), List.of()))).toList();
    }

    @Override
    public long countInStateReceivedBefore(VerificationState state, Instant receivedBefore) {
        return jdbc.sql("SELECT COUNT(*) FROM verification WHERE state = ? AND received_at < ?")
                .params(state.name(), toSql(receivedBefore))
                .query(Long.class)
                .single();
    }

    @Override
    public void addNotified(UUID verificationId, NotifiedContact notified) {
        jdbc.sql("""
                        INSERT INTO notified_contact (verification_id, position, contact_id, notified_at, delivered, delivery)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(verificationId, notified.position(), notified.contactId(), toSql(notified.notifiedAt()),
                        notified.delivered(), notified.delivery().code())
                .update();
    }

    @Override
    public boolean updateNotified(UUID verificationId, NotifiedContact notified) {
        return jdbc.sql("""
                        UPDATE notified_contact SET notified_at = ?, delivered = ?, delivery = ?
                         WHERE verification_id = ? AND position = ? AND contact_id = ?
                        """)
                .params(toSql(notified.notifiedAt()), notified.delivered(), notified.delivery().code(), verificationId,
                        notified.position(), notified.contactId())
                .update() == 1;
    }

    @Override
    public boolean claimDecision(UUID verificationId, ContactDecision decision) {
        // The database serialises concurrent updates of the row; the loser re-reads state and matches nothing.
        return jdbc.sql("""
                        UPDATE verification
                           SET state = ?, decision_contact_id = ?, decision_action = ?, decision_responded_at = ?,
                               decision_source = ?, updated_at = ?
                         WHERE verification_id = ? AND state = ?
                        """)
                .params(VerificationState.DECIDED.name(), decision.contactId(), decision.action().name(),
                        toSql(decision.respondedAt()), decision.source().name(), toSql(clock.instant()),
                        verificationId, VerificationState.OPEN.name())
                .update() == 1;
    }

    @Override
    public void markSubmitted(UUID verificationId, SubmissionReceipt receipt) {
        // Not conditional on state: CHeKT accepted the decision, so that is the truth even if a
        // cancellation arrived meanwhile. A decision is required, though; without one this is a bug.
        int updated = jdbc.sql("""
                        UPDATE verification
                           SET state = ?, submission_chekt_id = ?, submission_trace_id = ?, submitted_at = ?,
                               submission_http_status = ?, updated_at = ?
                         WHERE verification_id = ? AND decision_action IS NOT NULL
                        """)
                .params(VerificationState.SUBMITTED.name(), receipt.chektId(), receipt.traceId(), toSql(receipt.submittedAt()),
                        receipt.httpStatus().isPresent() ? receipt.httpStatus().getAsInt() : null, toSql(clock.instant()),
                        verificationId)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("verification " + verificationId + " is unknown or has no decision to mark submitted");
        }
    }

    @Override
    public boolean close(UUID verificationId, VerificationState finalState, String reason) {
        if (!CLOSING_STATES.contains(finalState)) {
            throw new IllegalArgumentException("a verification cannot be closed as " + finalState + "; one of " + CLOSING_STATES);
        }
        return jdbc.sql("""
                        UPDATE verification
                           SET state = ?, close_reason = ?, updated_at = ?
                         WHERE verification_id = ? AND state IN (?, ?)
                        """)
                .params(finalState.name(), reason, toSql(clock.instant()), verificationId,
                        VerificationState.OPEN.name(), VerificationState.DECIDED.name())
                .update() == 1;
    }

    private Map<UUID, List<NotifiedContact>> notifiedContacts(List<UUID> verificationIds) {
        return NotifiedContactRows.of(jdbc, verificationIds);
    }

    private StoredVerification storedVerification(ResultSet row, int rowNumber) throws SQLException {
        UUID id = row.getObject("verification_id", UUID.class);
        ChektReference chekt = new ChektReference(new SiteRef(row.getString("dealer_id"), row.getString("site_id")),
                row.getLong("alarm_verification_id"), id);
        Alarm alarm = new Alarm(row.getString("alarm_id"), row.getString("alarm_trigger"), row.getString("alarm_priority"),
                row.getString("alarm_location"), row.getString("alarm_snapshot_url"), fromSql(row, "alarm_occurred_at"));
        String alarmClass = row.getString("alarm_class");
        Verification verification = new Verification(chekt, alarm, json.callList(row.getString("call_list")),
                fromSql(row, "received_at"), AlarmClass.fromCode(alarmClass)
                .orElseThrow(() -> new IllegalStateException("verification " + id + " has an unknown alarm class '" + alarmClass + "'")));
        Optional<ContactDecision> decision = Optional.empty();
        String action = row.getString("decision_action");
        if (action != null) {
            decision = Optional.of(new ContactDecision(row.getLong("decision_contact_id"), VerificationAction.valueOf(action),
                    fromSql(row, "decision_responded_at"), DecisionSource.valueOf(row.getString("decision_source"))));
        }
        Optional<SubmissionReceipt> submission = Optional.empty();
        if (row.getObject("submitted_at") != null) {
            submission = Optional.of(new SubmissionReceipt(row.getLong("submission_chekt_id"),
                    row.getObject("submission_trace_id", UUID.class), fromSql(row, "submitted_at"),
                    row.getObject("submission_http_status") == null ? OptionalInt.empty()
                            : OptionalInt.of(row.getInt("submission_http_status"))));
        }
        return new StoredVerification(verification, VerificationState.valueOf(row.getString("state")), decision, submission,
                Optional.ofNullable(row.getString("close_reason")));
    }

    /** A verification row before its notified contacts are joined in. */
    private record StoredVerification(Verification verification, VerificationState state,
                                      Optional<ContactDecision> decision, Optional<SubmissionReceipt> submission,
                                      Optional<String> closeReason) {

        UUID id() {
            return verification.id();
        }

        VerificationRecord withNotified(List<NotifiedContact> notified) {
            return new VerificationRecord(verification, state, notified, decision, submission, closeReason);
        }
    }
}
