package com.centralstation.verification.app.storage;

import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The embedded H2 database file behind a datasource, reached through H2's own classes (the service's housekeeping and
 * its recovery from a failed write need what JDBC does not offer). Nothing here applies to PostgreSQL or to H2 in
 * memory or in server mode.
 */
final class EmbeddedH2 {

    private EmbeddedH2() {
    }

    /** The file store of the datasource's embedded H2 database, if it is one. */
    static Optional<MVStore> store(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return database(connection).map(database -> database.getStore().getMvStore());
        }
    }

    /**
     * After a write failed, H2 closes the database's file store (its "panic"), but the database stays registered under
     * its name as long as any session is open on it, and a pool never closes all of its connections at once: every
     * new connection would join the dead database and fail ("The database has been closed [90098]"), however much
     * space there is again. This takes such a database out of H2's registry at once (H2's own immediate shutdown), so
     * that the next connection opens the file anew, at its last complete commit. A database that is working, or
     * already taken out, is left alone: taking out a healthy one would let a second one open the same file.
     *
     * @return whether a broken database was taken out
     */
    static boolean releaseBroken(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<Database> database = database(connection);
            if (database.isEmpty() || database.get().isClosing()) {
                return false;
            }
            MVStore store = database.get().getStore().getMvStore();
            if (!store.isClosed() && store.getPanicException() == null) {
                return false;
            }
            database.get().shutdownImmediately();
            return true;
        }
    }

    private static Optional<Database> database(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        Database database = session.getDatabase();
        return database.isPersistent() && database.getStore() != null ? Optional.of(database) : Optional.empty();
    }
}
