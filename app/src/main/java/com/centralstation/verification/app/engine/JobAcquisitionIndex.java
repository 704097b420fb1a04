package com.centralstation.verification.app.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Adds the index that job acquisition by due date (with timer jobs preferred) needs, so that
 * acquisition stays an index scan when tens of thousands of timers wait. Camunda owns ACT_RU_JOB and
 * creates it when the engine is built, after Flyway has run; so the index is created here, idempotently.
 */
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    static final String INDEX = "AV_IDX_JOB_ACQUISITION";
    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final DataSource dataSource;

    public JobAcquisitionIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON ACT_RU_JOB (TYPE_, DUEDATE_)");
        } catch (SQLException e) {
            // Acquisition still works without it, only slower: don't keep the service from starting.
            log.warn("Could not create job acquisition index {}: {}", INDEX, e.getMessage());
        }
    }
}
