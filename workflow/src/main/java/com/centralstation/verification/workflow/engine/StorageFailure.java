package com.centralstation.verification.workflow.engine;

import org.springframework.transaction.TransactionSystemException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure that says the database cannot store anything just now, whatever was asked of it: the disk is full, the
 * embedded H2 closed its file after a failed write, the database refuses writes or cannot be reached. Such a failure
 * passes when the database is well again, so a caller should be told to try later (503) and a job should wait without
 * spending its retries; any other failure (a bug, a constraint) keeps its usual handling.
 *
 * <p>The one place that reads the database's own codes, wherever the exception comes from (our JDBC adapters, the
 * engine's MyBatis, Spring's transaction manager, the connection pool): the database exceptions among a failure's
 * causes are read, each with what lies below it. An {@link IOException} outside a database exception (a timed-out
 * HTTP call) is not a storage failure.
 *
 * @param cause what an operator reads: "disk full", "database closed after a failed write", ...
 */
public record StorageFailure(String cause) {

    public static final String DISK_FULL = "disk full";
    /** What H2 says once a failed write made it close the whole database (error 90098). */
    public static final String DATABASE_CLOSED = "database closed after a failed write";

    /** H2's {@code MVStoreException} messages end with {@code [version/code]}. */
    private static final Pattern MVSTORE_CODE = Pattern.compile("\\[[0-9.]+/(\\d+)]\\s*$");
    private static final int CAUSE_CHAIN_LIMIT = 32;

    /** H2 codes (org.h2.api.ErrorCode) that mean the file cannot be used now, not that the statement was wrong. */
    private static final Map<Integer, String> H2_CODES = Map.of(
            90098, DATABASE_CLOSED,
            90028, "database file cannot be written",
            90031, "database file cannot be written",
            90062, "database file cannot be created",
            90097, "database refuses writes (read-only)",
            90121, "database closed",
            90067, "database unreachable",
            8000, "database cannot be opened");

    /**
     * The storage failure somewhere in this failure's causes, if it is one. Besides causes, what a failure carries of
     * earlier failures counts: suppressed exceptions, a batch's next exceptions, and the failure a transaction was
     * rolled back for when the rollback itself then failed (a connection the pool had already closed).
     */
    public static Optional<StorageFailure> in(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> toVisit = new ArrayDeque<>();
        toVisit.add(failure);
        while (!toVisit.isEmpty() && seen.size() < CAUSE_CHAIN_LIMIT) {
            Throwable next = toVisit.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof SQLException || isMvStoreException(next)) {
                Optional<StorageFailure> found = classify(next);
                if (found.isPresent()) {
                    return found;
                }
            }
            if (next.getCause() != null) {
                toVisit.add(next.getCause());
            }
            toVisit.addAll(List.of(next.getSuppressed()));
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                toVisit.add(sql.getNextException());
            }
            if (next instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                toVisit.add(rollback.getApplicationException());
            }
        }
        return Optional.empty();
    }

    /** A database exception and what lies below it. */
    private static Optional<StorageFailure> classify(Throwable database) {
        Optional<StorageFailure> diskFull = diskFullBelow(database);
        if (diskFull.isPresent()) {
            return diskFull;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = database; t != null && seen.size() < CAUSE_CHAIN_LIMIT && seen.add(t); t = t.getCause()) {
            Optional<String> cause = t instanceof SQLException sql ? sqlCause(sql) : mvStoreCause(t);
            if (cause.isPresent()) {
                return cause.map(StorageFailure::new);
            }
        }
        return Optional.empty();
    }

    public boolean diskFull() {
        return DISK_FULL.equals(cause);
    }

    /** A write the operating system refused for lack of space (ENOSPC), anywhere below the database exception. */
    private static Optional<StorageFailure> diskFullBelow(Throwable database) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = database; t != null && seen.size() < CAUSE_CHAIN_LIMIT && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if ((t instanceof IOException || t instanceof SQLException || isMvStoreException(t))
                    && (message.contains("no space left on device") || message.contains("disk full")
                    || message.contains("not enough space on the disk"))) {
                return Optional.of(new StorageFailure(DISK_FULL));
            }
            if (t instanceof SQLException sql && "53100".equals(sql.getSQLState())) {
                return Optional.of(new StorageFailure(DISK_FULL));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sqlCause(SQLException sql) {
        Optional<String> h2 = H2_CODES.containsKey(sql.getErrorCode()) && String.valueOf(sql.getErrorCode())
                .equals(h2State(sql)) ? Optional.of(H2_CODES.get(sql.getErrorCode())) : Optional.empty();
        if (h2.isPresent()) {
            return h2;
        }
        String state = sql.getSQLState();
        if (state == null || state.length() != 5) {
            return Optional.empty();
        }
        if (state.startsWith("53")) {
            return Optional.of("database out of resources (SQLSTATE " + state + ")");
        }
        if (state.equals("58030")) {
            return Optional.of("database I/O error");
        }
        if (state.equals("25006")) {
            return Optional.of("database refuses writes (read-only)");
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            return Optional.of("database unreachable (SQLSTATE " + state + ")");
        }
        return Optional.empty();
    }

    /** H2 reports its error code as the SQL state too (a five-digit number); 8000 is "08000". */
    private static String h2State(SQLException sql) {
        String state = sql.getSQLState();
        return state == null ? "" : state.replaceFirst("^0+", "");
    }

    private static Optional<String> mvStoreCause(Throwable t) {
        if (!isMvStoreException(t) || t.getMessage() == null) {
            return Optional.empty();
        }
        Matcher code = MVSTORE_CODE.matcher(t.getMessage());
        if (!code.find()) {
            return Optional.empty();
        }
        // org.h2.mvstore.DataUtils: 1 reading failed, 2 writing failed, 4 closed
        return switch (code.group(1)) {
            case "1" -> Optional.of("database file cannot be read");
            case "2" -> Optional.of("database file cannot be written");
            case "4" -> Optional.of(DATABASE_CLOSED);
            default -> Optional.empty();
        };
    }

    private static boolean isMvStoreException(Throwable t) {
        return t.getClass().getName().equals("org.h2.mvstore.MVStoreException");
    }
}
