package com.centralstation.verification.app.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses to start on a database that acknowledges commits it may still lose: the webhook's 202 promises CHeKT that
 * the alarm is stored, and a decision's 202 that it will be submitted. Checked the moment the datasource is made,
 * before Flyway or the engine use it.
 *
 * <ul>
 *   <li>An H2 file must be opened with {@code WRITE_DELAY=0}: by default H2 writes a commit up to 500 ms later, and a
 *       killed process loses what it had acknowledged. The URL is what is checked: H2 takes the setting from it on
 *       every open, whatever the file remembers. In-memory databases have nothing to keep.</li>
 *   <li>PostgreSQL must not run this service's sessions with {@code synchronous_commit=off}, whether it comes from the
 *       URL's {@code options}, the role, the database or the server: the session reports what applies.</li>
 * </ul>
 * {@value DurabilityProperties#OPT_OUT} lets a throw-away installation start anyway, with a warning.
 */
final class DurableCommits implements BeanPostProcessor {

    static final String URL = "spring.datasource.url";
    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);

    private final Environment environment;

    DurableCommits(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            check(dataSource, environment.getProperty(URL, ""), Binder.get(environment)
                    .bindOrCreate("verification.durability", DurabilityProperties.class).allowDeferredCommits());
        }
        return bean;
    }

    static void check(DataSource dataSource, String url, boolean allowDeferredCommits) {
        Optional<String> problem = url.regionMatches(true, 0, "jdbc:h2:", 0, 8) ? h2Problem(url) : sessionProblem(dataSource);
        if (problem.isEmpty()) {
            return;
        }
        if (allowDeferredCommits) {
            log.warn("The database defers commits ({}); starting anyway because {} is true: a crash may lose alarms and"
                    + " decisions this service has already acknowledged", problem.get(), DurabilityProperties.OPT_OUT);
            return;
        }
        throw new InvalidConfigurationPropertyValueException(URL, withoutPassword(url), problem.get()
                + ". A crash would lose alarms and decisions the service had already acknowledged. Fix the database"
                + " settings, or set " + DurabilityProperties.OPT_OUT + "=true to accept that on a throw-away installation");
    }

    /** What makes an H2 URL lose acknowledged commits, if anything. */
    static Optional<String> h2Problem(String url) {
        String[] parts = url.split(";");
        String database = parts[0].substring("jdbc:h2:".length());
        if (database.regionMatches(true, 0, "mem:", 0, 4)) {
            return Optional.empty();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0) {
                settings.put(parts[i].substring(0, equals).strip().toUpperCase(Locale.ROOT), parts[i].substring(equals + 1).strip());
            }
        }
        String writeDelay = settings.get("WRITE_DELAY");
        if (!"0".equals(writeDelay)) {
            return Optional.of("an H2 file database needs WRITE_DELAY=0 in the URL (it has "
                    + (writeDelay == null ? "none, so H2 writes each commit up to 500 ms after acknowledging it)"
                    : "WRITE_DELAY=" + writeDelay + ")"));
        }
        String transactionLog = settings.get("LOG");
        if (transactionLog != null && !transactionLog.equals("2")) {
            return Optional.of("an H2 file database must keep its transaction log synced (the URL has LOG=" + transactionLog + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> sessionProblem(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return Optional.empty();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet setting = statement.executeQuery("SHOW synchronous_commit")) {
                setting.next();
                String synchronousCommit = setting.getString(1);
                return "off".equalsIgnoreCase(synchronousCommit)
                        ? Optional.of("PostgreSQL runs this service's sessions with synchronous_commit=off (from the URL's"
                        + " options, the role, the database or the server configuration); any other value waits for the"
                        + " commit to be on disk")
                        : Optional.empty();
            }
        } catch (SQLException e) {
            // Not reachable yet: Flyway, the first to use it, reports that under its own name.
            log.warn("Could not read the database's commit settings: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1******");
    }
}
