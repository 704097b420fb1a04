package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.adapters.persistence.testing.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

import java.time.Duration;
import java.util.UUID;

/** A small pool on a fresh, empty database: H2 in memory, or a new database on the test JVM's PostgreSQL. */
final class TestDataSources {

    private TestDataSources() {
    }

    static HikariDataSource fresh(String database) {
        if (database.equals("postgres")) {
            TestPostgres.Database postgres = TestPostgres.freshDatabase();
            return pool(postgres.jdbcUrl(), TestPostgres.USER, TestPostgres.PASSWORD);
        }
        return pool("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    static HikariDataSource pool(String url, String user, String password) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(3);
        pool.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        return new HikariDataSource(pool);
    }

    /** Our tables, as the service's Flyway migrations make them (node_heartbeat among them). */
    static <T extends DataSource> T migrated(T dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
