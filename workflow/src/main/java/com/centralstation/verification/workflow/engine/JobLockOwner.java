package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Gives this node's job executor a lock owner that stays the same across restarts, and at start-up, before the
 * executor acquires anything, releases the job locks that owner still holds.
 *
 * <p>Camunda's job executor otherwise names itself with a new random UUID on every start: the jobs a killed
 * process had acquired (locked for {@code camunda.bpm.job-execution.lock-time-in-millis}) then wait for their
 * locks to expire, minutes in which an alarm's first notification or a decision's submission stands still although
 * the node is back. A lock held by this node's own name can only come from an earlier run of this node, which is
 * dead: its jobs are released and run at once.
 *
 * <p>On H2 every lock is released: H2 locks its file, so only one process uses the database (clusters run on
 * PostgreSQL) and every lock in it is stale. Elsewhere only this owner's locks are released; another live node's
 * jobs stay with it. That makes the owner's uniqueness among live nodes what keeps a job from running twice,
 * which is why the default owner combines host, port and data directory ({@link EngineProperties}).
 *
 * <p>Plain JDBC rather than an engine command: the engine has no command that unlocks by owner, and this runs
 * once, in {@link #postProcessEngineBuild}, after the engine has created its tables and before the Spring Boot
 * starter starts the job executor (on the process application's start), so no engine entity holds these rows.
 * The revision is bumped as the engine's own acquisition does, so an update made against a job's locked revision
 * can never succeed afterwards.
 */
public class JobLockOwner extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(JobLockOwner.class);
    private static final String RELEASE = "UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1";

    private final DataSource dataSource;
    private final String owner;

    public JobLockOwner(DataSource dataSource, String owner) {
        this.dataSource = dataSource;
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // The Spring Boot starter hands the engine its job executor in its own preInit, before any postInit.
        configuration.getJobExecutor().setLockOwner(owner);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        try {
            int released = release();
            if (released > 0) {
                log.info("Released {} job lock(s) left by an earlier run of job executor '{}'", released, owner);
            }
        } catch (SQLException e) {
            // The jobs still run once their locks expire, only later: don't keep the service from starting.
            log.warn("Could not release the job locks left by an earlier run of job executor '{}': {}", owner, e.getMessage());
        }
    }

    /** @return how many jobs were unlocked */
    int release() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean singleProcess = "H2".equals(connection.getMetaData().getDatabaseProductName());
            String sql = RELEASE + (singleProcess ? " WHERE LOCK_OWNER_ IS NOT NULL" : " WHERE LOCK_OWNER_ = ?");
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (!singleProcess) {
                    statement.setString(1, owner);
                }
                int released = statement.executeUpdate();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                return released;
            }
        }
    }
}
