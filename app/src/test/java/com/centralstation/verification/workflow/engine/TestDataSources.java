package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.app.e2e.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;
import java.util.UUID;

/** A small pool on a fresh, empty database: H2 in memory, or a new database on the test JVM's PostgreSQL. */
final class TestDataSources {

    private TestDataSources() {
    }

    static HikariDataSource fresh(String database) {
        HikariConfig pool = new HikariConfig();
        if (database.equals("postgres")) {
            TestPostgres.Database postgres = TestPostgres.freshDatabase();
            pool.setJdbcUrl(postgres.jdbcUrl());
            pool.setUsername(TestPostgres.USER);
            pool.setPassword(TestPostgres.PASSWORD);
        } else {
            pool.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            pool.setUsername("sa");
        }
        pool.setMaximumPoolSize(3);
        pool.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        return new HikariDataSource(pool);
    }
}
