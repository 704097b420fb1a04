package com.centralstation.verification.app.storage;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class H2HousekeepingTest {

    private static final H2HousekeepingProperties SHIPPED = new H2HousekeepingProperties(Duration.ofMillis(500),
            Duration.ofMillis(200), 80, Duration.ofSeconds(5));
    private static final int ROUNDS = 30;
    private static final int COMMITS_PER_ROUND = 100;

    @TempDir
    Path dir;

    @Test
    void sparseChunksAreRewrittenSoTheFileStopsGrowingWithWhatIsWritten() throws Exception {
        long without = fileAfterChurn("without", false);
        long with = fileAfterChurn("with", true);

        // Without the rewrite nearly every chunk keeps one live page (the leaf its random key went to), and the
        // file grows by every byte written; with it the file holds the live data and what was written lately.
        assertThat(with).as("file with housekeeping, bytes (without: %d)", without).isLessThan(without / 2);
    }

    @Test
    void aFileThatDidNotGrowSinceTheLastRunIsLeftAlone() throws Exception {
        JdbcDataSource dataSource = h2File("still");
        H2Housekeeping upkeep = new H2Housekeeping(dataSource, SHIPPED);
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = upkeep.h2File().orElseThrow();
            churn(connection, () -> { });
            assertThat(upkeep.rewrite(store)).as("sparse chunks after the churn, the file grew").isTrue();
            long size = Files.size(dir.resolve("still.mv.db"));

            assertThat(upkeep.rewrite(store)).as("nothing written since").isFalse();
            assertThat(Files.size(dir.resolve("still.mv.db"))).isEqualTo(size);
        }
    }

    @Test
    void aDatabaseInMemoryHasNoFileToKeep() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:housekeeping-test;DB_CLOSE_DELAY=-1");
        H2Housekeeping housekeeping = new H2Housekeeping(dataSource, SHIPPED);

        housekeeping.start();

        assertThat(housekeeping.h2File()).isEmpty();
        assertThat(housekeeping.isRunning()).isFalse();
    }

    @Test
    void onAnH2FileItShortensTheRetentionItMakesSafeAndStops() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("running") + ";WRITE_DELAY=0");
        try (Connection open = dataSource.getConnection()) {
            H2Housekeeping housekeeping = new H2Housekeeping(dataSource, SHIPPED);
            MVStore store = housekeeping.h2File().orElseThrow();
            assertThat(store.getRetentionTime()).as("H2's default").isEqualTo(45_000);

            housekeeping.start();
            assertThat(housekeeping.isRunning()).isTrue();
            assertThat(store.getRetentionTime()).isEqualTo(5_000);
            housekeeping.stop();

            assertThat(housekeeping.isRunning()).isFalse();
        }
    }

    /**
     * Commits as an alarm storm makes them: each inserts a row under a random key (a response link's hash, a
     * delivery id) and changes a row every commit changes (a job row). Returns the file's size at the end.
     */
    private long fileAfterChurn(String name, boolean housekeeping) throws Exception {
        JdbcDataSource dataSource = h2File(name);
        H2Housekeeping upkeep = new H2Housekeeping(dataSource, SHIPPED);
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = upkeep.h2File().orElseThrow();
            churn(connection, housekeeping ? () -> upkeep.rewrite(store) : () -> { });
            return Files.size(dir.resolve(name + ".mv.db"));
        }
    }

    /** {@value #ROUNDS} rounds of {@value #COMMITS_PER_ROUND} commits, {@code afterEachRound} after each. */
    private static void churn(Connection connection, Runnable afterEachRound) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE token (hash VARCHAR(64) PRIMARY KEY, payload VARCHAR(200))");
            statement.execute("CREATE TABLE job (id INT PRIMARY KEY, runs INT)");
            statement.execute("INSERT INTO job VALUES (1, 0)");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO token VALUES (?, ?)");
             PreparedStatement update = connection.prepareStatement("UPDATE job SET runs = runs + 1 WHERE id = 1")) {
            for (int round = 0; round < ROUNDS; round++) {
                for (int commit = 0; commit < COMMITS_PER_ROUND; commit++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, "x".repeat(200));
                    insert.executeUpdate();
                    update.executeUpdate();
                }
                afterEachRound.run();
            }
        }
        assertThat(count(connection)).isEqualTo(ROUNDS * COMMITS_PER_ROUND);
    }

    private JdbcDataSource h2File(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        // RETENTION_TIME=0: a chunk's space is reused as soon as it is dead, so the test needs no waiting; the
        // service keeps H2's default
        dataSource.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0");
        return dataSource;
    }

    private static int count(Connection connection) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM token")) {
            row.next();
            return row.getInt(1);
        }
    }
}
