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
import java.util.Locale;
import java.util.regex.Pattern;

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
 * <p>Only where one process can use the database is every lock released: an embedded H2 (a file, which H2 locks
 * against other processes, or memory). Everywhere else (PostgreSQL, and H2 in server mode: {@code jdbc:h2:tcp:},
 * {@code jdbc:h2:ssl:}, {@code AUTO_SERVER=TRUE}, where other processes share the file) only this owner's locks are
 * released, and only once {@link NodeHeartbeat#claim()} has shown that no other live process uses the owner: its
 * refusal stops start-up, naming {@code verification.engine.lock-owner}. If that cannot be checked (the database
 * fails), nothing is released: the jobs run once their locks expire. The owner's uniqueness among live nodes is what
 * keeps a job from running twice, which is why the default owner combines host, port and data directory
 * ({@link EngineProperties}).
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

    private static final Pattern AUTO_SERVER = Pattern.compile(";\\s*AUTO_SERVER\\s*=\\s*TRUE", Pattern.CASE_INSENSITIVE);

    private final DataSource dataSource;
    private final String owner;
    private final String configuredUrl;
    private final NodeHeartbeat heartbeat;

    /**
     * @param configuredUrl the datasource URL as configured, with its settings ({@code AUTO_SERVER} does not show in
     *                      the connection's metadata)
     * @param heartbeat     this node's heartbeat, under the same owner
     */
    public JobLockOwner(DataSource dataSource, String owner, String configuredUrl, NodeHeartbeat heartbeat) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.configuredUrl = configuredUrl == null ? "" : configuredUrl;
        this.heartbeat = heartbeat;
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
            boolean singleProcess = singleProcess();
            if (!singleProcess) {
                // refuses start-up when another live node uses this owner
                heartbeat.claim();
            }
            int released = release(singleProcess);
            if (released > 0) {
                log.info("Released {} job lock(s) left by an earlier run of job executor '{}'", released, owner);
            }
        } catch (SQLException e) {
            // The jobs still run once their locks expire, only later: don't keep the service from starting.
            log.warn("Could not release the job locks left by an earlier run of job executor '{}': {}", owner, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking whether lock owner '" + owner + "' is in use", e);
        }
    }

    /** Releases what is safe to release without the heartbeat check; for tests. @return how many jobs were unlocked */
    int release() throws SQLException {
        return release(singleProcess());
    }

    /** Whether no other process can use this database: an embedded H2, not in server mode. */
    boolean singleProcess() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return singleProcess(connection.getMetaData().getDatabaseProductName(), connection.getMetaData().getURL(),
                    configuredUrl);
        }
    }

    static boolean singleProcess(String product, String connectionUrl, String configuredUrl) {
        if (!"H2".equals(product)) {
            return false;
        }
        for (String url : new String[]{connectionUrl == null ? "" : connectionUrl, configuredUrl}) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:") || AUTO_SERVER.matcher(url).find()) {
                return false;
            }
        }
        return true;
    }

    private int release(boolean singleProcess) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
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
