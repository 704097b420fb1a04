package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.BoardChange;
import com.centralstation.verification.core.domain.ChangeFeedMark;
import com.centralstation.verification.core.port.out.BoardChangeFeed;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The board's change feed: rows of our tables whose identity column orders them. Every step of a verification writes
 * an audit row (operator tasks included), so the audit trail tells a board that something changed once a workflow
 * runs; before that, a request taken into the inbox is named by its arrival number ({@code request_received}), so a
 * storm's alarms reach the board as they are answered, not when the starter gets to them. A source is one more SELECT
 * in the same statement.
 */
final class JdbcBoardChangeFeed implements BoardChangeFeed {

    /** The audit trail: each row's type, in lower case, says what changed. */
    static final String AUDIT = "audit";

    /** The inbox: requests numbered as they are taken in (cancellations, duplicates and other events are not). */
    static final String INBOX = "inbox";

    private static final Map<String, Source> SOURCES = Map.of(
            AUDIT, new Source("audit_event", "id", "verification_id", "type"),
            INBOX, new Source("webhook_delivery", "arrival", "requested_verification_id", "'request_received'"));

    private final JdbcClient jdbc;

    JdbcBoardChangeFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> head() {
        Map<String, Long> heads = new LinkedHashMap<>();
        SOURCES.forEach((name, source) -> heads.put(name, jdbc.sql(
                "SELECT COALESCE(MAX(" + source.position() + "), 0) FROM " + source.table()).query(Long.class).single()));
        return heads;
    }

    @Override
    public List<BoardChange> read(ChangeFeedMark mark, int limitPerSource) {
        Map<String, Object> params = new HashMap<>();
        List<String> parts = new ArrayList<>();
        for (String name : mark.sources()) {
            Source source = SOURCES.get(name);
            if (source == null) {
                throw new IllegalArgumentException("no change feed source " + name);
            }
            params.put(name + "High", mark.high(name));
            params.put(name + "Limit", limitPerSource);
            parts.add("(" + source.select(name) + " WHERE " + source.position() + " > :" + name + "High ORDER BY "
                    + source.position() + " LIMIT :" + name + "Limit)");
            Set<Long> missing = mark.missing(name);
            if (!missing.isEmpty()) {
                params.put(name + "Missing", List.copyOf(missing));
                parts.add("(" + source.select(name) + " WHERE " + source.position() + " IN (:" + name + "Missing))");
            }
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        List<BoardChange> changes = new ArrayList<>();
        // The inbox first: a request is taken in before anything of its workflow is audited, so within one read an
        // alarm's arrival comes before its start.
        jdbc.sql("SELECT source, position, verification_id, change FROM (" + String.join(" UNION ALL ", parts)
                        + ") feed ORDER BY CASE source WHEN '" + INBOX + "' THEN 0 ELSE 1 END, source, position")
                .params(params)
                .query((ResultSet row) -> {
                    changes.add(new BoardChange(row.getString("source"), row.getLong("position"),
                            row.getObject("verification_id", UUID.class), row.getString("change").toLowerCase(Locale.ROOT)));
                });
        return changes;
    }

    private record Source(String table, String position, String verification, String change) {

        String select(String name) {
            return "SELECT '" + name + "' AS source, " + position + " AS position, " + verification + " AS verification_id, "
                    + change + " AS change FROM " + table;
        }
    }
}
