package com.centralstation.verification.app.config;

import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Does for the H2 file what H2's background writer does when it runs. With {@code WRITE_DELAY=0} (every commit
 * written before it returns) H2 starts no background writer, and so none of its housekeeping: every commit appends
 * a chunk, a chunk that keeps a few live pages is never rewritten, its space is never reused, and the file grew by
 * about 1 MB per alarm in a storm. This runs H2's own chunk rewrite ({@code MVStore.compact}, the housekeeping's
 * step, with the database's {@code AUTO_COMPACT_FILL_RATE} as target) on a fixed interval, for a bounded time
 * each, taking H2's store lock only if it is free within 10 ms (as the background writer does). Rewritten chunks
 * are freed once H2's {@code RETENTION_TIME} has passed (unchanged, so a crash can still fall back to a recent
 * version of the file), and their space is then reused: the file stops growing. It shrinks only when H2 closes
 * (compaction for {@code MAX_COMPACT_TIME}, or {@code SHUTDOWN COMPACT}). Does nothing unless the datasource is
 * an H2 file.
 */
public final class H2Compaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2Compaction.class);
    /** Bytes of live pages one step rewrites under H2's store lock (the background writer's default is 1 MB). */
    private static final int WRITE_PER_STEP = 1024 * 1024;

    private final DataSource dataSource;
    private final H2CompactionProperties properties;
    private ScheduledExecutorService scheduler;

    public H2Compaction(DataSource dataSource, H2CompactionProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!isH2File()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "h2-compaction");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::compactSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Rewrites sparse chunks for at most {@code max-time}; returns whether it rewrote any. */
    public boolean compact() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Database> database = h2File(connection);
            if (database.isEmpty()) {
                return false;
            }
            MVStore store = database.get().getStore().getMvStore();
            int targetFillRate = database.get().getSettings().autoCompactFillRate;
            long stopAt = System.nanoTime() + properties.maxTime().toNanos();
            boolean rewrote = false;
            while (System.nanoTime() < stopAt && store.compact(targetFillRate, WRITE_PER_STEP)) {
                rewrote = true;
            }
            return rewrote;
        }
    }

    private void compactSafely() {
        try {
            compact();
        } catch (SQLException | RuntimeException e) {
            // the next run tries again; the file only grows meanwhile
            log.warn("H2 compaction failed: {}", e.toString());
        }
    }

    private boolean isH2File() {
        try (Connection connection = dataSource.getConnection()) {
            return h2File(connection).isPresent();
        } catch (SQLException e) {
            return false;
        }
    }

    private static Optional<Database> h2File(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        Database database = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase();
        return database.isPersistent() && database.getStore() != null ? Optional.of(database) : Optional.empty();
    }
}
