package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.BoardCounts;
import com.centralstation.verification.core.domain.BoardCursor;
import com.centralstation.verification.core.domain.BoardFilter;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.OpenVerification;
import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.OperatorBoard;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;
import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * The operator board from our own tables. The open verifications come from a few sources, each a query in board
 * order that the index {@code verification_board} answers by reading a page's worth of entries per class:
 * <ul>
 *   <li>{@code OPEN} and {@code DECIDED} verifications, one query per state and class;</li>
 *   <li>{@code DISPATCH_NOT_TAKEN} verifications while an operator task of theirs is open (the agency call): once
 *       it is done the verification has left the board, though its state stays.</li>
 * </ul>
 * The sources are merged in one statement (UNION ALL, then the board's order). A page's contacts, channels and tasks
 * are then read for its verifications only: three more queries, whatever the number of open verifications. A kind of
 * open verification kept elsewhere (deliveries accepted but not started, say) is one more source here and in
 * {@link #counts}, with its phase in {@link #phase}.
 */
final class JdbcOperatorBoard implements OperatorBoard {

    private static final String COLUMNS = """
            verification_id, dealer_id, site_id, alarm_class, alarm_trigger, alarm_location, received_at, state,
            decision_action, call_list""";
    private static final List<String> UNDECIDED_STATES = List.of("OPEN", "DECIDED");
    private static final String OPEN_TASKS = "SELECT verification_id FROM operator_task WHERE closed_at IS NULL";
    /**
     * Requests taken in and still waiting in the inbox for their start, in the verification's columns: state
     * {@code RECEIVED}, no decision and no call list yet. Only those kept with what the board shows.
     */
    private static final String WAITING = "SELECT requested_verification_id AS verification_id, dealer_id, site_id, "
            + classOfRankSql() + " AS alarm_class, alarm_trigger, alarm_location, received_at, 'RECEIVED' AS state,"
            + " CAST(NULL AS VARCHAR(16)) AS decision_action, CAST(NULL AS VARCHAR) AS call_list, start_rank AS class_rank"
            + " FROM webhook_delivery WHERE start_rank >= 0 AND dealer_id IS NOT NULL";

    private final JdbcClient jdbc;
    private final StoredJson json;

    JdbcOperatorBoard(JdbcClient jdbc, StoredJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<OpenVerification> page(BoardFilter filter, Optional<BoardCursor> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("limit", limit);
        filterParams(filter, params);
        after.ifPresent(cursor -> {
            params.put("afterRank", rank(cursor.alarmClass()));
            params.put("afterReceived", toSql(cursor.receivedAt()));
            params.put("afterId", cursor.verificationId());
        });
        List<String> sources = new ArrayList<>();
        for (String state : UNDECIDED_STATES) {
            for (AlarmClass alarmClass : AlarmClass.values()) {
                if (after.isPresent() && rank(alarmClass) < rank(after.get().alarmClass())) {
                    continue;
                }
                String within = after.isPresent() && alarmClass == after.get().alarmClass() ? " AND " + afterCursorWithinClass() : "";
                sources.add("(SELECT " + COLUMNS + ", " + rank(alarmClass) + " AS class_rank FROM verification"
                        + " WHERE state = '" + state + "' AND alarm_class = '" + alarmClass.code() + "'" + filterSql(filter) + within
                        // The equal state and class lead the order so that H2 reads the index in order (it does not
                        // skip equal leading columns by itself) and stops after a page: no sort of the whole class.
                        + " ORDER BY state, alarm_class, received_at, verification_id LIMIT :limit)");
            }
        }
        sources.add("(SELECT " + COLUMNS + ", " + rankSql() + " AS class_rank FROM verification"
                + " WHERE state = 'DISPATCH_NOT_TAKEN' AND verification_id IN (" + OPEN_TASKS + ")" + filterSql(filter) + ")");
        sources.add("(SELECT * FROM (" + WAITING + ") waiting WHERE 1 = 1" + filterSql(filter)
                + (after.isPresent() ? " AND (class_rank > :afterRank OR (class_rank = :afterRank AND " + afterCursorWithinClass() + "))" : "")
                + " ORDER BY class_rank, received_at, verification_id LIMIT :limit)");
        String sql = "SELECT * FROM (" + String.join("\nUNION ALL\n", sources) + ") board"
                + (after.isPresent() ? " WHERE class_rank > :afterRank OR (class_rank = :afterRank AND " + afterCursorWithinClass() + ")" : "")
                + " ORDER BY class_rank, received_at, verification_id LIMIT :limit";
        List<Row> rows = jdbc.sql(sql).params(params).query(this::row).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(Row::id).toList();
        Map<UUID, List<NotifiedContact>> notified = NotifiedContactRows.of(jdbc, ids);
        Map<UUID, Map<Long, String>> channels = channels(ids);
        Map<UUID, List<OperatorTask>> tasks = openTasks(ids);
        return rows.stream().map(row -> {
            List<NotifiedContact> called = notified.getOrDefault(row.id(), List.of());
            Optional<String> channel = called.isEmpty() ? Optional.empty() : Optional.ofNullable(
                    channels.getOrDefault(row.id(), Map.of()).get(called.get(called.size() - 1).contactId()));
            return new OpenVerification(row.id(), row.site(), Optional.empty(), row.alarmClass(), row.trigger(),
                    Optional.ofNullable(row.location()), row.receivedAt(), row.phase(), row.decision(),
                    row.callList() == null ? CallList.empty() : json.callList(row.callList()), called, channel,
                    tasks.getOrDefault(row.id(), List.of()));
        }).toList();
    }

    @Override
    public BoardCounts counts(BoardFilter filter, Instant now) {
        Map<String, Object> params = new HashMap<>();
        filterParams(filter, params);
        StringBuilder bucket = new StringBuilder("CASE");
        for (ResponseTime band : ResponseTime.values()) {
            Optional<Duration> bound = band.upperBound();
            if (bound.isPresent()) {
                // Within the band while age <= bound, that is received at or after now - bound.
                bucket.append(" WHEN received_at >= :since").append(band.ordinal()).append(" THEN ").append(band.ordinal());
                params.put("since" + band.ordinal(), toSql(now.minus(bound.get())));
            } else {
                bucket.append(" ELSE ").append(band.ordinal());
            }
        }
        bucket.append(" END");
        String sql = "SELECT alarm_class, bucket, COUNT(*) AS open_count FROM ("
                + "SELECT alarm_class, " + bucket + " AS bucket FROM verification WHERE state IN ('OPEN', 'DECIDED')" + filterSql(filter)
                + " UNION ALL SELECT alarm_class, " + bucket + " AS bucket FROM verification"
                + " WHERE state = 'DISPATCH_NOT_TAKEN' AND verification_id IN (" + OPEN_TASKS + ")" + filterSql(filter)
                + " UNION ALL SELECT alarm_class, " + bucket + " AS bucket FROM (" + WAITING + ") waiting WHERE 1 = 1"
                + filterSql(filter)
                + ") open_verification GROUP BY alarm_class, bucket";
        Map<AlarmClass, Map<ResponseTime, Long>> counts = new EnumMap<>(AlarmClass.class);
        jdbc.sql(sql).params(params).query((ResultSet row) -> {
            AlarmClass alarmClass = alarmClass(row.getString("alarm_class"));
            counts.computeIfAbsent(alarmClass, c -> new EnumMap<>(ResponseTime.class))
                    .merge(ResponseTime.values()[row.getInt("bucket")], row.getLong("open_count"), Long::sum);
        });
        return new BoardCounts(counts);
    }

    private static String afterCursorWithinClass() {
        return "(received_at > :afterReceived OR (received_at = :afterReceived AND verification_id > :afterId))";
    }

    private static void filterParams(BoardFilter filter, Map<String, Object> params) {
        filter.dealerId().ifPresent(dealer -> params.put("dealerId", dealer));
        filter.siteId().ifPresent(site -> params.put("siteId", site));
    }

    private static String filterSql(BoardFilter filter) {
        return (filter.dealerId().isPresent() ? " AND dealer_id = :dealerId" : "")
                + (filter.siteId().isPresent() ? " AND site_id = :siteId" : "");
    }

    /** Life safety first: the class's place in {@link AlarmClass}, which lists them most urgent first. */
    private static int rank(AlarmClass alarmClass) {
        return alarmClass.ordinal();
    }

    /** The class code of an inbox row's start rank (the inbox ranks by {@link AlarmClass#rank()}). */
    private static String classOfRankSql() {
        StringBuilder sql = new StringBuilder("CASE start_rank");
        for (AlarmClass alarmClass : AlarmClass.values()) {
            sql.append(" WHEN ").append(alarmClass.rank()).append(" THEN '").append(alarmClass.code()).append("'");
        }
        return sql.append(" END").toString();
    }

    private static String rankSql() {
        StringBuilder sql = new StringBuilder("CASE alarm_class");
        for (AlarmClass alarmClass : AlarmClass.values()) {
            sql.append(" WHEN '").append(alarmClass.code()).append("' THEN ").append(rank(alarmClass));
        }
        return sql.append(" ELSE ").append(rank(AlarmClass.NORMAL)).append(" END").toString();
    }

    /** Per verification and contact, the channel that delivered last, or else the channel tried last. */
    private Map<UUID, Map<Long, String>> channels(List<UUID> ids) {
        Map<UUID, Map<Long, String>> delivered = new HashMap<>();
        Map<UUID, Map<Long, String>> tried = new HashMap<>();
        jdbc.sql("SELECT verification_id, contact_id, channel, delivered FROM notification_attempt"
                        + " WHERE verification_id IN (:ids) ORDER BY id")
                .param("ids", ids)
                .query((ResultSet row) -> {
                    UUID id = row.getObject("verification_id", UUID.class);
                    long contact = row.getLong("contact_id");
                    String channel = row.getString("channel");
                    tried.computeIfAbsent(id, k -> new HashMap<>()).put(contact, channel);
                    if (row.getBoolean("delivered")) {
                        delivered.computeIfAbsent(id, k -> new HashMap<>()).put(contact, channel);
                    }
                });
        delivered.forEach((id, byContact) -> tried.computeIfAbsent(id, k -> new HashMap<>()).putAll(byContact));
        return tried;
    }

    private Map<UUID, List<OperatorTask>> openTasks(List<UUID> ids) {
        Map<UUID, List<OperatorTask>> byVerification = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT task_id, verification_id, process_instance_id, kind, name, assignee, opened_at
                          FROM operator_task WHERE verification_id IN (:ids) AND closed_at IS NULL ORDER BY opened_at
                        """)
                .param("ids", ids)
                .query((ResultSet row) -> {
                    UUID id = row.getObject("verification_id", UUID.class);
                    byVerification.computeIfAbsent(id, k -> new ArrayList<>()).add(JdbcOperatorTaskLog.task(row));
                });
        return byVerification;
    }

    private Row row(ResultSet row, int rowNumber) throws SQLException {
        String action = row.getString("decision_action");
        return new Row(row.getObject("verification_id", UUID.class), new SiteRef(row.getString("dealer_id"), row.getString("site_id")),
                alarmClass(row.getString("alarm_class")), row.getString("alarm_trigger"), row.getString("alarm_location"),
                fromSql(row, "received_at"), phase(row.getString("state")),
                action == null ? Optional.empty() : Optional.of(VerificationAction.valueOf(action)), row.getString("call_list"));
    }

    private static AlarmClass alarmClass(String code) {
        return AlarmClass.fromCode(code).orElse(AlarmClass.NORMAL);
    }

    private static OpenVerification.Phase phase(String state) {
        return switch (state) {
            case "OPEN" -> OpenVerification.Phase.OPEN;
            case "DECIDED" -> OpenVerification.Phase.DECIDED;
            case "DISPATCH_NOT_TAKEN" -> OpenVerification.Phase.DISPATCH_NOT_TAKEN;
            case "RECEIVED" -> OpenVerification.Phase.RECEIVED;
            default -> throw new IllegalStateException("the board selected a verification in state " + state);
        };
    }

    /** A verification row before its contacts and tasks are read. */
    private record Row(UUID id, SiteRef site, AlarmClass alarmClass, String trigger, String location, Instant receivedAt,
                       OpenVerification.Phase phase, Optional<VerificationAction> decision, String callList) {
    }
}
