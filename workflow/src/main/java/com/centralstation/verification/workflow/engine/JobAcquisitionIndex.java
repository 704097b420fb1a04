package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Keeps job acquisition an index range scan over the jobs that are due, however many timers wait.
 *
 * <p>Every verification keeps three escalation timers, so in a storm ACT_RU_JOB holds tens of thousands of
 * timers that are not due yet. The engine's acquisition query asks for {@code DUEDATE_ is null or DUEDATE_ <= now}:
 * the {@code is null} branch keeps any index on the due date out of play, and the database read every job row
 * on every acquisition (17 % of the service's CPU in a 2,000-alarm storm, bench/RESULTS.md). So this plugin
 * <ul>
 *   <li>has the engine give every job a due date ({@code ensureJobDueDateNotNull}: a message job is due when
 *       it is made), which drops the {@code is null} branch from the query;</li>
 *   <li>gives jobs made before that setting a due date (their creation time), or they would never be acquired;</li>
 *   <li>indexes ACT_RU_JOB on DUEDATE_ (and drops this plugin's earlier index on TYPE_, DUEDATE_, which only
 *       served the ordering and made the database walk every pending timer first).</li>
 * </ul>
 * Camunda owns ACT_RU_JOB and creates it when the engine is built, after Flyway has run; so the index is made
 * here, idempotently.
 *
 * <p>Every node of a cluster runs this at start-up while the others keep working. On PostgreSQL even
 * {@code CREATE INDEX IF NOT EXISTS} takes a SHARE lock on the table when the index is already there: a node
 * starting would wait for the running jobs' transactions and, while it waits, stall every other node's
 * writes to ACT_RU_JOB. So the index is looked up in the catalog first (no table lock), and built
 * {@code CONCURRENTLY} on PostgreSQL, which lets jobs go on while it builds.
 */
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    static final String INDEX = "AV_IDX_JOB_DUEDATE";
    /** This plugin's first index, on (TYPE_, DUEDATE_). */
    static final String FORMER_INDEX = "AV_IDX_JOB_ACQUISITION";
    private static final String TABLE = "ACT_RU_JOB";
    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final DataSource dataSource;

    public JobAcquisitionIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnsureJobDueDateNotNull(true);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            // CONCURRENTLY may not run inside a transaction block.
            connection.setAutoCommit(true);
            int backfilled = statement.executeUpdate("UPDATE " + TABLE
                    + " SET DUEDATE_ = COALESCE(CREATE_TIME_, CURRENT_TIMESTAMP) WHERE DUEDATE_ IS NULL");
            if (backfilled > 0) {
                log.info("Gave {} job(s) made without a due date their creation time as due date", backfilled);
            }
            if (exists(connection, FORMER_INDEX)) {
                statement.execute("DROP INDEX " + (postgres ? "CONCURRENTLY " : "") + "IF EXISTS " + FORMER_INDEX);
            }
            if (postgres && invalidOnPostgres(statement)) {
                // A concurrent build cut short (a node killed while starting) leaves an invalid index behind.
                statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + INDEX);
            } else if (exists(connection, INDEX)) {
                return;
            }
            statement.execute("CREATE INDEX " + (postgres ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + INDEX
                    + " ON " + TABLE + " (DUEDATE_)");
            log.info("Created job acquisition index {} on {}", INDEX, TABLE);
        } catch (SQLException e) {
            // Acquisition still works without it, only slower: don't keep the service from starting.
            log.warn("Could not prepare job acquisition index {}: {}", INDEX, e.getMessage());
        }
    }

    private static boolean invalidOnPostgres(Statement statement) throws SQLException {
        try (ResultSet index = statement.executeQuery("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname = '" + INDEX.toLowerCase(Locale.ROOT) + "' AND pg_table_is_visible(c.oid)")) {
            return index.next() && !index.getBoolean(1);
        }
    }

    /** Reads the catalog only: unlike CREATE INDEX IF NOT EXISTS, this takes no lock on the table. */
    static boolean exists(Connection connection, String index) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String schema = connection.getSchema();
        // The table's name as the database folds unquoted names: upper case on H2, lower case on PostgreSQL.
        for (String table : List.of(TABLE, TABLE.toLowerCase(Locale.ROOT))) {
            try (ResultSet indexes = metaData.getIndexInfo(null, schema, table, false, true)) {
                while (indexes.next()) {
                    if (index.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
