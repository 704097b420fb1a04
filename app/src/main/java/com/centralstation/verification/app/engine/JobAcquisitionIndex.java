package com.centralstation.verification.app.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Adds the index that job acquisition by due date (with timer jobs preferred) needs, so that
 * acquisition stays an index scan when tens of thousands of timers wait. Camunda owns ACT_RU_JOB and
 * creates it when the engine is built, after Flyway has run; so the index is created here, idempotently.
 *
 * <p>Every node of a cluster runs this at start-up while the others keep working. On PostgreSQL even
 * {@code CREATE INDEX IF NOT EXISTS} takes a SHARE lock on the table when the index is already there: a node
 * starting would wait for the running jobs' transactions and, while it waits, stall every other node's
 * writes to ACT_RU_JOB. So the index is looked up in the catalog first (no table lock), and built
 * {@code CONCURRENTLY} on PostgreSQL, which lets jobs go on while it builds.
 */
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    static final String INDEX = "AV_IDX_JOB_ACQUISITION";
    private static final String TABLE = "ACT_RU_JOB";
    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final DataSource dataSource;

    public JobAcquisitionIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            // CONCURRENTLY may not run inside a transaction block.
            connection.setAutoCommit(true);
            if (postgres && invalidOnPostgres(statement)) {
                // A concurrent build cut short (a node killed while starting) leaves an invalid index behind.
                statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + INDEX);
            } else if (exists(connection)) {
                return;
            }
            statement.execute("CREATE INDEX " + (postgres ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + INDEX
                    + " ON " + TABLE + " (TYPE_, DUEDATE_)");
            log.info("Created job acquisition index {} on {}", INDEX, TABLE);
        } catch (SQLException e) {
            // Acquisition still works without it, only slower: don't keep the service from starting.
            log.warn("Could not create job acquisition index {}: {}", INDEX, e.getMessage());
        }
    }

    private static boolean invalidOnPostgres(Statement statement) throws SQLException {
        try (ResultSet index = statement.executeQuery("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname = '" + INDEX.toLowerCase(Locale.ROOT) + "' AND pg_table_is_visible(c.oid)")) {
            return index.next() && !index.getBoolean(1);
        }
    }

    /** Reads the catalog only: unlike CREATE INDEX IF NOT EXISTS, this takes no lock on the table. */
    static boolean exists(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String schema = connection.getSchema();
        // The table's name as the database folds unquoted names: upper case on H2, lower case on PostgreSQL.
        for (String table : List.of(TABLE, TABLE.toLowerCase(Locale.ROOT))) {
            try (ResultSet indexes = metaData.getIndexInfo(null, schema, table, false, true)) {
                while (indexes.next()) {
                    if (INDEX.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
