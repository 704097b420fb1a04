package com.centralstation.verification.workflow.engine;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.centralstation.verification.workflow.engine.TestDataSources.fresh;
import static org.assertj.core.api.Assertions.assertThat;

/** The acquisition index on both databases the service runs on, and without stalling a running cluster. */
class JobAcquisitionIndexTest {

    private static final String ACT_RU_JOB = "CREATE TABLE ACT_RU_JOB (ID_ VARCHAR(64) PRIMARY KEY, TYPE_ VARCHAR(255) NOT NULL,"
            + " DUEDATE_ TIMESTAMP, CREATE_TIME_ TIMESTAMP)";

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void createsTheIndexOnceAndLeavesItAfterwards(String database) throws Exception {
        try (HikariDataSource dataSource = fresh(database)) {
            new JdbcTemplate(dataSource).execute(ACT_RU_JOB);
            JobAcquisitionIndex plugin = new JobAcquisitionIndex(dataSource);

            plugin.postProcessEngineBuild(null);
            plugin.postProcessEngineBuild(null);

            try (Connection connection = dataSource.getConnection()) {
                assertThat(JobAcquisitionIndex.exists(connection, JobAcquisitionIndex.INDEX)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void replacesTheFormerIndexAndGivesJobsWithoutADueDateTheirCreationTime(String database) throws Exception {
        try (HikariDataSource dataSource = fresh(database)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute(ACT_RU_JOB);
            jdbc.execute("CREATE INDEX AV_IDX_JOB_ACQUISITION ON ACT_RU_JOB (TYPE_, DUEDATE_)");
            // Made before every job had a due date: never acquired once the query leaves out "DUEDATE_ is null".
            jdbc.update("INSERT INTO ACT_RU_JOB VALUES ('message-1', 'message', NULL, TIMESTAMP '2026-11-27 03:00:00')");
            jdbc.update("INSERT INTO ACT_RU_JOB VALUES ('timer-1', 'timer', TIMESTAMP '2026-11-27 03:10:00', TIMESTAMP '2026-11-27 03:00:00')");

            new JobAcquisitionIndex(dataSource).postProcessEngineBuild(null);

            assertThat(jdbc.queryForList("SELECT ID_, DUEDATE_ FROM ACT_RU_JOB ORDER BY ID_")).extracting(row -> row.get("DUEDATE_").toString())
                    .containsExactly("2026-11-27 03:00:00.0", "2026-11-27 03:10:00.0");
            try (Connection connection = dataSource.getConnection()) {
                assertThat(JobAcquisitionIndex.exists(connection, JobAcquisitionIndex.INDEX)).isTrue();
                assertThat(JobAcquisitionIndex.exists(connection, JobAcquisitionIndex.FORMER_INDEX)).isFalse();
            }
        }
    }

    @Test
    void hasTheEngineGiveEveryJobADueDate() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();

        new JobAcquisitionIndex(null).preInit(configuration);

        assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
    }

    @Test
    void aNodeStartingOnPostgresqlDoesNotWaitForTheJobsOthersAreRunning() throws Exception {
        try (HikariDataSource dataSource = fresh("postgres")) {
            new JdbcTemplate(dataSource).execute(ACT_RU_JOB);
            JobAcquisitionIndex plugin = new JobAcquisitionIndex(dataSource);
            plugin.postProcessEngineBuild(null);

            try (Connection runningJob = dataSource.getConnection()) {
                // Another node's job transaction, still open, holds a row lock on ACT_RU_JOB.
                runningJob.setAutoCommit(false);
                runningJob.createStatement().execute("INSERT INTO ACT_RU_JOB VALUES ('job-1', 'timer', now(), now())");

                // CREATE INDEX IF NOT EXISTS would wait here for that transaction, and make every other writer wait behind it.
                CompletableFuture<Void> start = CompletableFuture.runAsync(() -> plugin.postProcessEngineBuild(null));
                start.get(5, TimeUnit.SECONDS);
                runningJob.rollback();
            }
        }
    }

    @Test
    void anIndexLeftInvalidByAnInterruptedBuildIsBuiltAgain() throws Exception {
        try (HikariDataSource dataSource = fresh("postgres")) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute(ACT_RU_JOB);
            new JobAcquisitionIndex(dataSource).postProcessEngineBuild(null);
            // What a CREATE INDEX CONCURRENTLY cut short by a kill leaves behind.
            jdbc.update("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'av_idx_job_duedate'::regclass");

            new JobAcquisitionIndex(dataSource).postProcessEngineBuild(null);

            assertThat(jdbc.queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = 'av_idx_job_duedate'::regclass",
                    Boolean.class)).isTrue();
        }
    }
}
