package com.centralstation.verification.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's durable commit rate, measured with plain JDBC from the harness: the senders' number of connections,
 * each inserting one row of a webhook's size per transaction (auto-commit) for a few seconds. The H2 database is a
 * fresh file with the service's URL settings ({@code WRITE_DELAY=0}: every commit written before it returns),
 * PostgreSQL a fresh database on the harness's server with synchronous commit. A webhook that cost nothing but its
 * one commit would be taken in at this rate: the intake figure is reported as a share of it.
 */
final class CommitProbe {

    private CommitProbe() {
    }

    static double commitsPerSecond(Database db, int connections, Duration duration) throws Exception {
        try (Connection setup = db.connect(); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE commit_probe (id BIGINT PRIMARY KEY, body BYTEA NOT NULL)");
        }
        byte[] body = Webhooks.fresh().body().getBytes(StandardCharsets.UTF_8);
        AtomicLong ids = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try {
            List<Future<Long>> inserted = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                inserted.add(pool.submit(() -> insertUntil(db, body, ids, deadline)));
            }
            long commits = 0;
            for (Future<Long> each : inserted) {
                commits += each.get();
            }
            return commits / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long insertUntil(Database db, byte[] body, AtomicLong ids, long deadline) throws SQLException {
        long commits = 0;
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO commit_probe (id, body) VALUES (?, ?)")) {
            connection.setAutoCommit(true);
            while (System.nanoTime() < deadline) {
                insert.setLong(1, ids.incrementAndGet());
                insert.setBytes(2, body);
                insert.executeUpdate();
                commits++;
            }
        }
        return commits;
    }
}
