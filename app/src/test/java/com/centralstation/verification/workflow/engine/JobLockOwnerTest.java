package com.centralstation.verification.workflow.engine;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.centralstation.verification.workflow.engine.TestDataSources.fresh;
import static com.centralstation.verification.workflow.engine.TestDataSources.migrated;
import static com.centralstation.verification.workflow.engine.TestDataSources.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A restarted node takes back its own jobs at once, and never another live node's; where other processes share the
 * database, a node refuses to start under a lock owner that another live node uses.
 */
class JobLockOwnerTest {

    /** Short, so that watching a heartbeat takes a second or two. */
    private static final Duration BEAT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private static final String ACT_RU_JOB = "CREATE TABLE ACT_RU_JOB (ID_ VARCHAR(64) PRIMARY KEY, REV_ INTEGER,"
            + " LOCK_OWNER_ VARCHAR(255), LOCK_EXP_TIME_ TIMESTAMP)";
    private static final String LOCKED = "INSERT INTO ACT_RU_JOB VALUES (?, 2, ?, TIMESTAMP '2099-01-01 00:00:00')";

    @Test
    void onPostgresqlARestartedNodeReleasesTheLocksOfItsEarlierRunAndLeavesOtherNodesLocks() throws Exception {
        try (HikariDataSource dataSource = fresh("postgres")) {
            JdbcTemplate jdbc = lockedJobs(dataSource);

            int released = new JobLockOwner(dataSource, "node-a", "", null).release();

            assertThat(released).isEqualTo(2);
            assertThat(locks(jdbc)).containsExactly(
                    Map.of("ID_", "a-1", "REV_", 3, "LOCKED", false),
                    Map.of("ID_", "a-2", "REV_", 3, "LOCKED", false),
                    Map.of("ID_", "b-1", "REV_", 2, "LOCKED", true),
                    Map.of("ID_", "free", "REV_", 1, "LOCKED", false));
        }
    }

    @Test
    void onH2TheOnlyNodeReleasesEveryLock() throws Exception {
        try (HikariDataSource dataSource = fresh("h2")) {
            JdbcTemplate jdbc = lockedJobs(dataSource);

            int released = new JobLockOwner(dataSource, "node-a", "", null).release();

            assertThat(released).isEqualTo(3);
            assertThat(locks(jdbc)).extracting(row -> row.get("LOCKED")).containsOnly(false);
        }
    }

    @Test
    void theJobExecutorAcquiresUnderTheConfiguredOwner() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJobExecutor(new DefaultJobExecutor());

        new JobLockOwner(null, "station-node-1", "", null).postInit(configuration);

        assertThat(configuration.getJobExecutor().getLockOwner()).isEqualTo("station-node-1");
    }

    @Test
    void theDefaultOwnerStaysTheSameForAnInstallationAndTellsProcessesOnOneHostApart() {
        Path data = Path.of("/srv/alarm-verification/data");

        String owner = EngineProperties.defaultLockOwner("host-1", 8080, data);

        assertThat(EngineProperties.defaultLockOwner("host-1", 8080, data)).isEqualTo(owner)
                .isEqualTo("host-1:8080:/srv/alarm-verification/data");
        assertThat(EngineProperties.defaultLockOwner("host-1", 8081, data)).isNotEqualTo(owner);
        assertThat(EngineProperties.defaultLockOwner("host-1", 8080, Path.of("/srv/other/data"))).isNotEqualTo(owner);
        assertThat(EngineProperties.defaultLockOwner("host-2", 8080, data)).isNotEqualTo(owner);
        assertThat(new EngineProperties("  configured  ", BEAT).lockOwner(8080, data)).isEqualTo("configured");
    }

    @Test
    void aDeepDataDirectoryIsCutToTheColumnKeepingHostPortAndTheDirectorysEnd() {
        Path deep = Path.of("/" + "d".repeat(300) + "/installation-7");

        String owner = EngineProperties.defaultLockOwner("host-1", 8080, deep);

        assertThat(owner).hasSize(255).startsWith("host-1:8080:").endsWith("/installation-7");
    }

    @Test
    void anH2ServerSharedByOtherProcessesIsNotReleasedWhole() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        String url = "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (HikariDataSource dataSource = pool(url, "sa", "")) {
            JdbcTemplate jdbc = lockedJobs(dataSource);

            int released = new JobLockOwner(dataSource, "node-a", url, null).release();

            assertThat(released).as("only node-a's own locks").isEqualTo(2);
            assertThat(locks(jdbc)).filteredOn(row -> row.get("ID_").equals("b-1"))
                    .extracting(row -> row.get("LOCKED")).containsExactly(true);
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdbc:h2:tcp://db.example/alarm-verification", "jdbc:h2:ssl://db.example/alarm-verification",
            "jdbc:h2:file:/srv/av/data/alarm-verification;WRITE_DELAY=0;AUTO_SERVER=TRUE",
            "jdbc:h2:file:/srv/av/data/alarm-verification;auto_server = true"})
    void anH2UrlInServerModeIsNotASingleProcess(String url) {
        assertThat(JobLockOwner.singleProcess("H2", url.replaceFirst(";.*", ""), url)).isFalse();
    }

    @Test
    void anEmbeddedH2IsASingleProcessAndPostgresqlNever() {
        assertThat(JobLockOwner.singleProcess("H2", "jdbc:h2:file:/srv/av/data/db", "jdbc:h2:file:/srv/av/data/db;WRITE_DELAY=0"))
                .isTrue();
        assertThat(JobLockOwner.singleProcess("H2", "jdbc:h2:mem:test", "jdbc:h2:mem:test;AUTO_SERVER=FALSE")).isTrue();
        assertThat(JobLockOwner.singleProcess("PostgreSQL", "jdbc:postgresql://db/av", "jdbc:postgresql://db/av")).isFalse();
    }

    @Test
    void anEmbeddedH2FileWithAutoServerReleasesOnlyItsOwnLocksOnceNoLiveNodeUsesTheOwner() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("shared") + ";AUTO_SERVER=TRUE";
        try (HikariDataSource dataSource = migrated(pool(url, "sa", ""))) {
            JdbcTemplate jdbc = lockedJobs(dataSource);
            NodeHeartbeat heartbeat = new NodeHeartbeat(dataSource, "node-a", BEAT);

            new JobLockOwner(dataSource, "node-a", url, heartbeat).postProcessEngineBuild(null);

            assertThat(locks(jdbc)).extracting(row -> row.get("ID_") + "=" + row.get("LOCKED"))
                    .containsExactly("a-1=false", "a-2=false", "b-1=true", "free=false");
            heartbeat.destroy();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"postgres", "h2-server"})
    void aNodeStartingUnderTheLockOwnerOfAnotherLiveNodeIsRefusedNamingTheProperty(String database) throws Exception {
        Server server = database.equals("h2-server") ? Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start() : null;
        ScheduledExecutorService firstNode = Executors.newSingleThreadScheduledExecutor();
        try (HikariDataSource dataSource = migrated(server == null ? fresh("postgres") : pool("jdbc:h2:tcp://localhost:"
                + server.getPort() + "/mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""))) {
            JdbcTemplate jdbc = lockedJobs(dataSource);
            // Two nodes that agree on host name, port and data directory (containers) share the default owner; node-a
            // is running and holds its jobs' locks.
            NodeHeartbeat running = new NodeHeartbeat(dataSource, "node-a", BEAT);
            running.claim();
            firstNode.scheduleWithFixedDelay(() -> beat(running), 0, BEAT.toMillis(), TimeUnit.MILLISECONDS);
            String url = dataSource.getJdbcUrl();

            JobLockOwner second = new JobLockOwner(dataSource, "node-a", url, new NodeHeartbeat(dataSource, "node-a", BEAT));

            assertThatThrownBy(() -> second.postProcessEngineBuild(null))
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .satisfies(refused -> assertThat(((InvalidConfigurationPropertyValueException) refused).getName())
                            .isEqualTo("verification.engine.lock-owner"))
                    .hasMessageContaining("another live node runs its job executor under this lock owner");
            assertThat(locks(jdbc)).as("the running node's locks stay with it")
                    .extracting(row -> row.get("ID_") + "=" + row.get("LOCKED"))
                    .containsExactly("a-1=true", "a-2=true", "b-1=true", "free=false");
        } finally {
            firstNode.shutdownNow();
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void aNodeRestartedRightAfterAKillTakesItsOwnerBackOnceTheDeadRunStoppedBeating() throws Exception {
        try (HikariDataSource dataSource = migrated(fresh("postgres"))) {
            JdbcTemplate jdbc = lockedJobs(dataSource);
            // The killed run beat a moment ago and never again.
            NodeHeartbeat killed = new NodeHeartbeat(dataSource, "node-a", BEAT);
            killed.claim();
            killed.destroy();
            NodeHeartbeat restarted = new NodeHeartbeat(dataSource, "node-a", BEAT);

            new JobLockOwner(dataSource, "node-a", dataSource.getJdbcUrl(), restarted).postProcessEngineBuild(null);
            restarted.destroy();

            assertThat(locks(jdbc)).extracting(row -> row.get("ID_") + "=" + row.get("LOCKED"))
                    .containsExactly("a-1=false", "a-2=false", "b-1=true", "free=false");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_heartbeat WHERE lock_owner = 'node-a'", Integer.class))
                    .as("the dead run's row is gone, the new run's is there").isEqualTo(1);
        }
    }

    @Test
    void twoNodesStartedAtTheSameMomentUnderOneLockOwnerNeverBothStart() throws Exception {
        try (HikariDataSource dataSource = migrated(fresh("postgres"))) {
            lockedJobs(dataSource);
            List<NodeHeartbeat> nodes = List.of(new NodeHeartbeat(dataSource, "localhost:8080:/data", BEAT),
                    new NodeHeartbeat(dataSource, "localhost:8080:/data", BEAT));
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService starting = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> started = new ArrayList<>();
                for (NodeHeartbeat node : nodes) {
                    started.add(starting.submit(() -> {
                        together.await();
                        try {
                            new JobLockOwner(dataSource, node.lockOwner(), dataSource.getJdbcUrl(), node)
                                    .postProcessEngineBuild(null);
                            return true;
                        } catch (InvalidConfigurationPropertyValueException refused) {
                            return false;
                        }
                    }));
                }
                List<Boolean> outcomes = new ArrayList<>();
                for (Future<Boolean> node : started) {
                    outcomes.add(node.get(30, TimeUnit.SECONDS));
                }

                assertThat(outcomes).as("nodes that started").containsAnyOf(false);
            } finally {
                starting.shutdownNow();
                nodes.forEach(NodeHeartbeat::destroy);
            }
        }
    }

    private static void beat(NodeHeartbeat heartbeat) {
        try {
            heartbeat.beat();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JdbcTemplate lockedJobs(HikariDataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(ACT_RU_JOB);
        jdbc.update(LOCKED, "a-1", "node-a");
        jdbc.update(LOCKED, "a-2", "node-a");
        jdbc.update(LOCKED, "b-1", "node-b");
        jdbc.update("INSERT INTO ACT_RU_JOB VALUES ('free', 1, NULL, NULL)");
        return jdbc;
    }

    private static List<Map<String, Object>> locks(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT ID_ AS \"ID_\", REV_ AS \"REV_\","
                + " (LOCK_OWNER_ IS NOT NULL AND LOCK_EXP_TIME_ IS NOT NULL) AS \"LOCKED\" FROM ACT_RU_JOB ORDER BY ID_");
    }
}
