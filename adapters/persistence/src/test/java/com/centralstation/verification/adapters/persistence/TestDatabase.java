package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.adapters.persistence.testing.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.util.List;

/** A fresh database of one engine, with a connection pool and a transaction manager as the app has them. */
final class TestDatabase implements AutoCloseable {

    /** Child tables first. */
    private static final List<String> OUR_TABLES = List.of("notified_contact", "response_token", "phone_call", "verification",
            "call_list_entry", "call_list", "audit_event", "webhook_delivery", "notification_attempt",
            "refused_delivery", "verification_signal", "operator_task", "audit_chain_rekey_pending", "audit_chain_rekeyed");

    private final Engine engine;
    private final HikariDataSource dataSource;
    private final JdbcTransactionManager transactionManager;
    private final JdbcTemplate jdbc;

    private TestDatabase(Engine engine, HikariDataSource dataSource) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.transactionManager = new JdbcTransactionManager(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
    }

    static TestDatabase fresh(Engine engine) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(engine.freshDatabaseUrl());
        pool.setUsername(engine == Engine.POSTGRES ? TestPostgres.USER : "sa");
        pool.setMaximumPoolSize(12);
        pool.setPoolName("test-" + engine);
        return new TestDatabase(engine, new HikariDataSource(pool));
    }

    /** A second pool on this database with a single connection, which a caller waits for at most 250 ms. */
    HikariDataSource poolOfOne() {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(dataSource.getJdbcUrl());
        pool.setUsername(dataSource.getUsername());
        pool.setMaximumPoolSize(1);
        pool.setConnectionTimeout(250);
        pool.setPoolName(dataSource.getPoolName() + "-one");
        return new HikariDataSource(pool);
    }

    /** Migrates as Spring Boot would, with the customizer the configuration contributes. */
    MigrateResult migrate() {
        return migrateTo("latest");
    }

    /** Migrates up to the given version only, to build a database as an older release left it. */
    MigrateResult migrateTo(String version) {
        var configuration = Flyway.configure().dataSource(dataSource).locations(PersistenceConfiguration.MIGRATIONS)
                .target(version);
        new PersistenceConfiguration().migrationsBesideCamunda().customize(configuration);
        return configuration.load().migrate();
    }

    void deleteAllRows() {
        OUR_TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
    }

    int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    int blockedSessions() {
        return jdbc.queryForObject(engine.blockedSessionsQuery(), Integer.class);
    }

    Engine engine() {
        return engine;
    }

    DataSource dataSource() {
        return dataSource;
    }

    JdbcTransactionManager transactionManager() {
        return transactionManager;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
