package com.centralstation.verification.app.e2e;

import com.centralstation.verification.workflow.engine.TimeOrderedIdGenerator;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database under the running service: the one this run was meant to have (so the PostgreSQL run of the
 * end-to-end suite really runs on PostgreSQL), our migrations applied beside Camunda's tables, and the job
 * acquisition index in place, with the engine settings acquisition relies on.
 */
class DatabaseEndToEndTest extends ServiceTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    ProcessEngine engine;

    @Test
    void theServiceRunsOnTheDatabaseOfThisRunWithOurMigrationsAndTheAcquisitionIndex() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName())
                    .isEqualTo(ServiceDatabase.postgres() ? "PostgreSQL" : "H2");
            assertThat(indexColumns(connection)).containsExactly("DUEDATE_");
        }
        assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" <> '0'"
                + " ORDER BY \"installed_rank\"", String.class)).startsWith("1", "2");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_GE_PROPERTY WHERE NAME_ = 'schema.version'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void theEngineAcquiresDueJobsByPriorityAndMakesTimeOrderedIds() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThat(configuration.isEnsureJobDueDateNotNull()).as("every job has a due date, so the index serves").isTrue();
        assertThat(configuration.isJobExecutorAcquireByPriority()).isTrue();
        assertThat(configuration.isJobExecutorPreferTimerJobs()).isTrue();
        assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
        assertThat(configuration.getIdGenerator()).isInstanceOf(TimeOrderedIdGenerator.class);
        String first = configuration.getIdGenerator().getNextId();
        assertThat(configuration.getIdGenerator().getNextId()).isGreaterThan(first);
    }

    private static List<String> indexColumns(Connection connection) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (String table : List.of("ACT_RU_JOB", "act_ru_job")) {
            try (ResultSet index = connection.getMetaData().getIndexInfo(null, connection.getSchema(), table, false, true)) {
                while (index.next()) {
                    if ("AV_IDX_JOB_DUEDATE".equalsIgnoreCase(index.getString("INDEX_NAME"))) {
                        columns.add(index.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return columns;
    }
}
