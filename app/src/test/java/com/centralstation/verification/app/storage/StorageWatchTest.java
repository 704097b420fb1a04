package com.centralstation.verification.app.storage;

import com.centralstation.verification.workflow.engine.NodeHeartbeat;
import com.centralstation.verification.workflow.engine.StorageFailure;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The heartbeat against an embedded H2 file on a disk that refuses writes on demand ({@link FailingDisk}): H2 closes
 * its database after the failed write, and the watch has it opened again once the disk writes, in this process; when
 * that cannot help, liveness goes DOWN.
 */
class StorageWatchTest {

    /** The test drives the rounds itself; the watch adds its own every second during an outage. */
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Duration RESTART_AFTER = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final StorageOutage outage = new StorageOutage(Clock.systemUTC());
    private final List<LivenessState> liveness = new CopyOnWriteArrayList<>();
    private HikariDataSource dataSource;
    private StorageWatch watch;

    @AfterEach
    void cleanUp() {
        FailingDisk.heal();
        if (watch != null) {
            watch.stop();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void afterAFullDiskTheDatabaseIsOpenedAgainInProcessWithEveryCommitBeforeIt() {
        JdbcTemplate jdbc = watched(DataSize.ofMegabytes(1), Duration.ofMinutes(2));
        jdbc.update("INSERT INTO alarm VALUES (1)");

        FailingDisk.fail(FailingDisk.DISK_FULL);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO alarm VALUES (2)"))
                .satisfies(refused -> assertThat(StorageFailure.in(refused)).hasValue(new StorageFailure(StorageFailure.DISK_FULL)));
        watch.tick();
        assertThat(outage.current()).hasValueSatisfying(episode -> assertThat(episode.cause()).isEqualTo("disk full"));
        assertThatThrownBy(() -> jdbc.update("INSERT INTO alarm VALUES (3)"))
                .satisfies(refused -> assertThat(StorageFailure.in(refused)).isPresent());
        watch.tick();

        FailingDisk.heal();
        watch.tick();

        assertThat(outage.current()).isEmpty();
        jdbc.update("INSERT INTO alarm VALUES (4)");
        assertThat(jdbc.queryForList("SELECT id FROM alarm ORDER BY id", Integer.class)).containsExactly(1, 4);
        assertThat(liveness).as("a restart was never needed").isEmpty();
    }

    @Test
    void aConnectionOpenedDuringTheOutageIsReplacedWhenItEnds() throws Exception {
        JdbcTemplate jdbc = watched(DataSize.ofMegabytes(1), Duration.ofMinutes(2));
        FailingDisk.fail(FailingDisk.DISK_FULL);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO alarm VALUES (1)"));
        watch.tick();
        assertThat(outage.current()).isPresent();

        // A request holds a connection of the outage while the heartbeat finds that writes work again.
        Connection heldThrough = dataSource.getConnection();
        JdbcConnection physical = heldThrough.unwrap(JdbcConnection.class);
        FailingDisk.heal();
        watch.tick();
        assertThat(outage.current()).isEmpty();
        heldThrough.close();

        List<Connection> wholePool = new ArrayList<>();
        try {
            for (int i = 0; i < dataSource.getMaximumPoolSize(); i++) {
                wholePool.add(dataSource.getConnection());
            }
            assertThat(wholePool).extracting(connection -> connection.unwrap(JdbcConnection.class))
                    .as("the outage's connection, handed back after it ended").doesNotContain(physical);
        } finally {
            for (Connection connection : wholePool) {
                connection.close();
            }
        }
        jdbc.update("INSERT INTO alarm VALUES (2)");
    }

    @Test
    void anH2ThatStillCannotWriteAfterRestartAfterAlthoughTheDiskIsNotFullTurnsLivenessDownUntilItWrites() {
        JdbcTemplate jdbc = watched(DataSize.ofMegabytes(1), RESTART_AFTER);
        FailingDisk.fail(FailingDisk.DEVICE_ERROR);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO alarm VALUES (1)"));

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            watch.tick();
            return liveness.contains(LivenessState.BROKEN);
        });
        assertThat(outage.current()).isPresent();

        FailingDisk.heal();
        watch.tick();

        assertThat(liveness).containsExactly(LivenessState.BROKEN, LivenessState.CORRECT);
        assertThat(outage.current()).isEmpty();
    }

    @Test
    void aFullDiskNeverTurnsLivenessDownAsARestartWouldNotHelp() {
        JdbcTemplate jdbc = watched(DataSize.ofTerabytes(1000), RESTART_AFTER);
        FailingDisk.fail(FailingDisk.DISK_FULL);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO alarm VALUES (1)"));

        watch.tick();
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(20)).until(() -> {
            watch.tick();
            return outage.current().orElseThrow().lasted(Clock.systemUTC().instant()).compareTo(RESTART_AFTER) > 0;
        });
        watch.tick();

        assertThat(liveness).isEmpty();
    }

    /** An H2 file on the failing disk with our tables and one of its own, watched. */
    private JdbcTemplate watched(DataSize lowSpaceAlert, Duration restartAfter) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(FailingDisk.urlPrefix() + dir.resolve("watched") + ";WRITE_DELAY=0");
        pool.setUsername("sa");
        pool.setMaximumPoolSize(3);
        pool.setConnectionTimeout(2_000);
        dataSource = new HikariDataSource(pool);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE alarm (id INT PRIMARY KEY)");
        NodeHeartbeat heartbeat = new NodeHeartbeat(dataSource, "node-1", INTERVAL);
        DataDirectorySpace space = new DataDirectorySpace(dir, lowSpaceAlert, "node-1", (title, text) -> true);
        watch = new StorageWatch(heartbeat, outage, dataSource, space, event -> {
            if (event instanceof AvailabilityChangeEvent<?> change && change.getState() instanceof LivenessState state) {
                liveness.add(state);
            }
        }, restartAfter, Clock.systemUTC());
        watch.start();
        assertThat(outage.lastWrite()).as("the first heartbeat at start").isPresent();
        return jdbc;
    }
}
