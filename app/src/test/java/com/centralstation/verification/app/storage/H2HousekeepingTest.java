package com.centralstation.verification.app.storage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
import static org.awaitility.Awaitility.await;

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
            churn(connection, ROUNDS, () -> { });
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

    @Test
    void aCleanStopRunsOnceMoreAndLeavesTheFileOpenForTheSessionsStillUsingIt() throws Exception {
        JdbcDataSource dataSource = h2File("stopping");
        // runs far apart: within the test only the one at stop runs
        H2Housekeeping housekeeping = new H2Housekeeping(dataSource, new H2HousekeepingProperties(Duration.ofSeconds(9),
                Duration.ofSeconds(5), 80, Duration.ofSeconds(45)));
        Logger logger = (Logger) LoggerFactory.getLogger(H2Housekeeping.class);
        ListAppender<ILoggingEvent> runs = new ListAppender<>();
        Level level = logger.getLevel();
        try (Connection open = dataSource.getConnection()) {
            MVStore store = housekeeping.h2File().orElseThrow();
            churn(open, 10, () -> { });
            housekeeping.start();
            // each run reports its steps at DEBUG
            logger.setLevel(Level.DEBUG);
            runs.start();
            logger.addAppender(runs);

            housekeeping.stop();

            assertThat(runs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .singleElement().asString().startsWith("H2 housekeeping: ");
            assertThat(housekeeping.isRunning()).isFalse();
            assertThat(store.isClosed()).isFalse();
            assertThat(count(open)).isEqualTo(10 * COMMITS_PER_ROUND);
        } finally {
            logger.detachAppender(runs);
            logger.setLevel(level);
        }
    }

    @Test
    void afterTheFileWasOpenedAnewTheNextRunKeepsTheNewStore() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        // without RETENTION_TIME in the URL: H2 would apply it again with every connection
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("reopened") + ";WRITE_DELAY=0");
        H2Housekeeping housekeeping = new H2Housekeeping(dataSource, new H2HousekeepingProperties(Duration.ofMillis(100),
                Duration.ofMillis(200), 80, Duration.ofSeconds(1)));
        MVStore first;
        try (Connection open = dataSource.getConnection()) {
            first = housekeeping.h2File().orElseThrow();
            housekeeping.start();
        }
        // the last session closed: H2 closed the file, as after the recovery from a failed write
        assertThat(first.isClosed()).isTrue();
        try (Connection again = dataSource.getConnection()) {
            MVStore second = housekeeping.h2File().orElseThrow();
            assertThat(second).isNotSameAs(first);

            await().atMost(Duration.ofSeconds(10)).until(() -> second.getRetentionTime() == 1_000);
        } finally {
            housekeeping.stop();
        }
    }

    /** The file's size after the storm's commits, with the housekeeping's rewrite after each round or without. */
    private long fileAfterChurn(String name, boolean housekeeping) throws Exception {
        JdbcDataSource dataSource = h2File(name);
        H2Housekeeping upkeep = new H2Housekeeping(dataSource, SHIPPED);
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = upkeep.h2File().orElseThrow();
            churn(connection, ROUNDS, () -> {
                if (housekeeping) {
                    upkeep.rewrite(store);
                }
            });
            assertThat(count(connection)).isEqualTo(ROUNDS * COMMITS_PER_ROUND);
            return Files.size(dir.resolve(name + ".mv.db"));
        }
    }

    /**
     * Commits as an alarm storm makes them: each inserts a row under a random key (a response link's hash, a
     * delivery id) and changes a row every commit changes (a job row).
     */
    private static void churn(Connection connection, int rounds, Runnable afterEachRound) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE token (hash VARCHAR(64) PRIMARY KEY, payload VARCHAR(200))");
            statement.execute("CREATE TABLE job (id INT PRIMARY KEY, runs INT)");
            statement.execute("INSERT INTO job VALUES (1, 0)");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO token VALUES (?, ?)");
             PreparedStatement update = connection.prepareStatement("UPDATE job SET runs = runs + 1 WHERE id = 1")) {
            for (int round = 0; round < rounds; round++) {
                for (int commit = 0; commit < COMMITS_PER_ROUND; commit++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, "x".repeat(200));
                    insert.executeUpdate();
                    update.executeUpdate();
                }
                afterEachRound.run();
            }
        }
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
