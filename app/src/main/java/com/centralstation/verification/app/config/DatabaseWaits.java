package com.centralstation.verification.app.config;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long the database makes a job wait: for a pooled connection, and for a row another transaction holds. */
final class DatabaseWaits {

    private static final Pattern POSTGRES_DURATION = Pattern.compile("(\\d+)\\s*(us|ms|s|min|h|d)?");

    private DatabaseWaits() {
    }

    /** Hikari's connection-timeout; Hikari's default (30 s) for a pool of another kind. */
    static Duration connectionWait(DataSource dataSource) throws SQLException {
        return dataSource.isWrapperFor(HikariDataSource.class)
                ? Duration.ofMillis(dataSource.unwrap(HikariDataSource.class).getConnectionTimeout())
                : Duration.ofSeconds(30);
    }

    /**
     * The session's lock timeout as the database reports it (H2's {@code LOCK_TIMEOUT}, PostgreSQL's
     * {@code lock_timeout}); empty when a lock wait has no end (PostgreSQL's default) or the database is neither.
     */
    static Optional<Duration> lockWait(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        try (Statement statement = connection.createStatement()) {
            if ("H2".equals(product)) {
                try (ResultSet timeout = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
                    timeout.next();
                    return Optional.of(Duration.ofMillis(timeout.getLong(1)));
                }
            }
            if ("PostgreSQL".equals(product)) {
                try (ResultSet timeout = statement.executeQuery("SHOW lock_timeout")) {
                    timeout.next();
                    return postgresDuration(timeout.getString(1));
                }
            }
        }
        return Optional.empty();
    }

    /** A PostgreSQL time setting as SHOW prints it ({@code 10s}, {@code 500ms}, {@code 1min}); 0 means none. */
    static Optional<Duration> postgresDuration(String shown) {
        Matcher value = POSTGRES_DURATION.matcher(shown.strip().toLowerCase(Locale.ROOT));
        if (!value.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(value.group(1));
        Duration duration = switch (value.group(2) == null ? "ms" : value.group(2)) {
            case "us" -> Duration.ofNanos(amount * 1000);
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofMillis(amount);
        };
        return duration.isZero() ? Optional.empty() : Optional.of(duration);
    }
}
