package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.adapters.persistence.testing.TestPostgres;

import java.util.Locale;
import java.util.UUID;

/** The databases every contract test runs on: H2 as the default profile uses it, and a real PostgreSQL ({@link TestPostgres}). */
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
            return TestPostgres.freshDatabase().jdbcUrl();
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
}
