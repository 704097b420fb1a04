package com.centralstation.verification.app.config;

import com.centralstation.verification.adapters.chekt.ChektProperties;
import com.centralstation.verification.adapters.notification.EnabledChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Stops start-up when the job lock time is not above the longest a job can run ({@link JobDurationBound}), so that a
 * node never takes over a job another node is still running; logs both at start-up.
 */
final class JobLockTime {

    static final String PROPERTY = "camunda.bpm.job-execution.lock-time-in-millis";
    /** Camunda's own default, when the property is unset. */
    private static final int ENGINE_DEFAULT = 300_000;
    private static final Logger log = LoggerFactory.getLogger(JobLockTime.class);

    private final Duration lockTime;
    private final JobDurationBound bound;
    private final EnabledChannels channels;

    /** @param channels the enabled notification channels, which say how long each can take */
    JobLockTime(ChektProperties chekt, EnabledChannels channels, Environment environment, DataSource dataSource) {
        // Bound from the environment as the engine's starter binds it, not through the starter's property class: the
        // engine's name stays in this one constant.
        this.lockTime = Duration.ofMillis(Binder.get(environment).bind(PROPERTY, Integer.class).orElse(ENGINE_DEFAULT));
        this.channels = channels;
        this.bound = JobDurationBound.of(chekt, channels.longestNotification(), connectionWait(dataSource),
                lockWait(dataSource));
        check();
    }

    private void check() {
        Optional<Duration> longest = bound.longest();
        if (longest.isEmpty() || lockTime.compareTo(longest.get()) <= 0) {
            throw new InvalidConfigurationPropertyValueException(PROPERTY, lockTime.toMillis(), "a job may run longer than"
                    + " its lock (" + bound.explain() + "; channels: " + channels.explain() + "), and a job still running when its lock expires can be run a"
                    + " second time by another node. Raise the lock time above " + longest.map(d -> d.toMillis() + " ms")
                    .orElse("the longest job") + ", or shorten the timeouts (chekt.connect-timeout, chekt.read-timeout,"
                    + " verification.notification.*-timeout, spring.mail.properties[mail.smtp.*timeout],"
                    + " spring.datasource.hikari.connection-timeout, the database's lock timeout)");
        }
        log.info("Job lock time {} s; the longest a job can run is {} s ({}; channels: {})", lockTime.toMillis() / 1000.0,
                longest.get().toMillis() / 1000.0, bound.explain(), channels.explain());
    }

    private static Duration connectionWait(DataSource dataSource) {
        try {
            return DatabaseWaits.connectionWait(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the datasource's connection timeout", e);
        }
    }

    private static Optional<Duration> lockWait(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return DatabaseWaits.lockWait(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database's lock timeout", e);
        }
    }
}
