package com.centralstation.verification.app.config;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** H2's own chunk rewrite, run while the database is open with the shipped WRITE_DELAY=0, lets H2 reuse the file's dead space. */
class H2CompactionTest {

    @TempDir
    Path dir;

    @Test
    void sparseChunksLeftByManySmallCommitsAreRewrittenAndTheirSpaceIsReused() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        // a short retention, so the rewritten chunks are freed within the test; the service keeps H2's default
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=500");
        Path file = dir.resolve("db.mv.db");
        try (Connection open = dataSource.getConnection()) {
            churn(open, 0);
            int sparse = chunksFillRate(open);
            assertThat(sparse).as("chunk fill rate after many small commits").isLessThan(60);

            H2Compaction compaction = new H2Compaction(dataSource, new H2CompactionProperties(Duration.ofSeconds(10),
                    Duration.ofSeconds(2)));
            assertThat(compaction.compact()).as("rewrote chunks").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                churn(open, 1);  // a commit lets H2 free the chunks whose retention has passed
                return chunksFillRate(open) > sparse + 20;
            });

            long before = Files.size(file);
            for (int round = 0; round < 5; round++) {
                churn(open, 20);
                compaction.compact();
            }
            assertThat(Files.size(file)).as("file once freed space is reused (was %d bytes)", before)
                    .isLessThan(before * 3 / 2);
            assertThat(rows(open)).isEqualTo(50);
        }
    }

    @Test
    void nothingHappensForADatabaseInMemory() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:compaction-test");
        H2Compaction compaction = new H2Compaction(dataSource, new H2CompactionProperties(Duration.ofSeconds(10),
                Duration.ofMillis(200)));

        compaction.start();
        compaction.compact();

        assertThat(compaction.isRunning()).isFalse();
    }

    /**
     * Many small committed updates, as the engine's jobs make them: each commit writes a chunk of its own.
     * The first call creates the table and makes 3,000 updates; later ones make {@code updates} more.
     */
    private static void churn(Connection connection, int updates) throws Exception {
        if (updates == 0) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (id INT PRIMARY KEY, payload VARCHAR(2000))");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int id = 0; id < 50; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "x".repeat(1000));
                    insert.executeUpdate();
                }
            }
            updates = 3000;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE t SET payload = ? WHERE id = ?")) {
            for (int i = 0; i < updates; i++) {
                update.setString(1, Integer.toString(i).repeat(200));
                update.setInt(2, i % 50);
                update.executeUpdate();
            }
        }
    }

    private static int chunksFillRate(Connection connection) throws Exception {
        try (ResultSet row = connection.createStatement().executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static int rows(Connection connection) throws Exception {
        try (ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            row.next();
            return row.getInt(1);
        }
    }
}
