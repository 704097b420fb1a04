package com.centralstation.verification.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One empty database for one JVM under test: an H2 file in its own folder, or a fresh database on the harness's
 * embedded PostgreSQL 14 (zonky, as the persistence tests use it). zonky turns synchronous_commit off by default;
 * the harness turns it back on, so a 202 means the commit reached the disk as it would in production.
 */
record Database(String kind, String jdbcUrl, String user, String password, Path h2Dir) {

    private static EmbeddedPostgres postgres;

    static Database fresh(String kind, Path workDir, String name) throws IOException, SQLException {
        if (kind.equals("h2")) {
            Path dir = workDir.resolve("h2-" + name);
            // The shipped URL's settings (app/src/main/resources/application.yml), for the service and the baseline alike.
            return new Database(kind, "jdbc:h2:file:" + dir.toAbsolutePath()
                    + "/alarm-verification;WRITE_DELAY=0;CACHE_SIZE=65536;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
                    "sa", "", dir);
        }
        if (!kind.equals("postgres")) {
            throw new IllegalArgumentException("unknown database " + kind + " (h2 or postgres)");
        }
        String database = (name + "_" + UUID.randomUUID().toString().substring(0, 8)).replace('-', '_').toLowerCase(Locale.ROOT);
        try (Connection connection = server().getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return new Database(kind, "jdbc:postgresql://localhost:" + server().getPort() + "/" + database, "postgres", "", null);
    }

    static synchronized EmbeddedPostgres server() throws IOException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
        }
        return postgres;
    }

    static synchronized void stopServer() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** The service's settings for this database (H2: its data dir; PostgreSQL: the production profile). */
    List<String> serviceArguments() {
        List<String> arguments = new ArrayList<>();
        if (kind.equals("h2")) {
            arguments.add("--verification.data-dir=" + h2Dir.toAbsolutePath());
        } else {
            arguments.add("--spring.profiles.active=postgres");
            arguments.add("--spring.datasource.url=" + jdbcUrl);
            arguments.add("--spring.datasource.username=" + user);
            arguments.add("--spring.datasource.password=" + password);
        }
        return arguments;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    String label() {
        return kind.equals("h2") ? "H2 (file)" : "PostgreSQL 14";
    }
}
