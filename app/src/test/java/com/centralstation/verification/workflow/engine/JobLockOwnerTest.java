package com.centralstation.verification.workflow.engine;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.centralstation.verification.workflow.engine.TestDataSources.fresh;
import static org.assertj.core.api.Assertions.assertThat;

/** A restarted node takes back its own jobs at once, and never another live node's. */
class JobLockOwnerTest {

    private static final String ACT_RU_JOB = "CREATE TABLE ACT_RU_JOB (ID_ VARCHAR(64) PRIMARY KEY, REV_ INTEGER,"
            + " LOCK_OWNER_ VARCHAR(255), LOCK_EXP_TIME_ TIMESTAMP)";
    private static final String LOCKED = "INSERT INTO ACT_RU_JOB VALUES (?, 2, ?, TIMESTAMP '2099-01-01 00:00:00')";

    @Test
    void onPostgresqlARestartedNodeReleasesTheLocksOfItsEarlierRunAndLeavesOtherNodesLocks() throws Exception {
        try (HikariDataSource dataSource = fresh("postgres")) {
            JdbcTemplate jdbc = lockedJobs(dataSource);

            int released = new JobLockOwner(dataSource, "node-a").release();

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

            int released = new JobLockOwner(dataSource, "node-a").release();

            assertThat(released).isEqualTo(3);
            assertThat(locks(jdbc)).extracting(row -> row.get("LOCKED")).containsOnly(false);
        }
    }

    @Test
    void theJobExecutorAcquiresUnderTheConfiguredOwner() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJobExecutor(new DefaultJobExecutor());

        new JobLockOwner(null, "station-node-1").postInit(configuration);

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
        assertThat(new EngineProperties("  configured  ").lockOwner(8080, data)).isEqualTo("configured");
    }

    @Test
    void aDeepDataDirectoryIsCutToTheColumnKeepingHostPortAndTheDirectorysEnd() {
        Path deep = Path.of("/" + "d".repeat(300) + "/installation-7");

        String owner = EngineProperties.defaultLockOwner("host-1", 8080, deep);

        assertThat(owner).hasSize(255).startsWith("host-1:8080:").endsWith("/installation-7");
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
