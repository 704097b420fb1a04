package com.centralstation.verification.workflow.engine;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This process's row in {@code node_heartbeat}, renewed every {@code verification.engine.heartbeat-interval}. A
 * renewal is the service's smallest real write: the storage health reports whether the last one worked. And the rows
 * tell which job-executor lock owners are in use: at start-up a node that will release its owner's job locks first
 * makes sure no other live process renews a row under that owner ({@link #claim()}).
 *
 * <p>"Live" is decided by watching, not by comparing clocks: a row renewed within two intervals (plus a margin) may
 * belong to a live process, so the node waits until that process would have renewed it again and looks once more. A
 * process killed moments ago (a restart) renews nothing and is taken for dead after at most that wait; a live one is
 * seen renewing. Ages are computed on the database's clock alone, so the nodes' clocks play no part. A node writes
 * and renews its own row before it looks, so two nodes started under one owner at the same moment see each other
 * (and both stop: the owner is misconfigured either way).
 */
public class NodeHeartbeat implements DisposableBean {

    static final String LOCK_OWNER_PROPERTY = "verification.engine.lock-owner";
    /** A renewal may come this much later than the interval (a busy pool, a pause) without the node counting as dead. */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    /** Rows of processes gone this long are removed at the next start of any node. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    private final DataSource dataSource;
    private final String lockOwner;
    private final Duration interval;
    private final String instanceId = UUID.randomUUID().toString();
    private ScheduledExecutorService startUpRenewal;

    public NodeHeartbeat(DataSource dataSource, String lockOwner, Duration interval) {
        this.dataSource = dataSource;
        this.lockOwner = lockOwner;
        this.interval = interval;
    }

    public String lockOwner() {
        return lockOwner;
    }

    public Duration interval() {
        return interval;
    }

    /** How long a row may go without renewal before its process counts as dead. */
    Duration deadAfter() {
        return interval.multipliedBy(2).plus(MARGIN);
    }

    /**
     * Takes the lock owner for this process, or stops start-up when another live process renews a row under it.
     *
     * @throws InvalidConfigurationPropertyValueException naming {@value #LOCK_OWNER_PROPERTY} when the owner is in use
     */
    public void claim() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            OffsetDateTime now = databaseNow(connection);
            try (PreparedStatement forget = connection.prepareStatement("DELETE FROM node_heartbeat WHERE beat_at < ?")) {
                forget.setObject(1, now.minus(FORGOTTEN_AFTER));
                forget.executeUpdate();
            }
            // This process's row first, renewed from now on: a node starting at the same moment sees this one alive.
            renew(connection);
            commit(connection);
        }
        renewUntilWatched();
        try (Connection connection = dataSource.getConnection()) {
            OffsetDateTime now = databaseNow(connection);
            Map<String, OffsetDateTime> others = others(connection);
            Optional<Duration> youngest = others.values().stream().map(beat -> Duration.between(beat, now)).min(Duration::compareTo);
            if (youngest.isPresent() && youngest.get().compareTo(deadAfter()) <= 0) {
                Thread.sleep(deadAfter().minus(youngest.get()).toMillis());
                OffsetDateTime later = databaseNow(connection);
                for (Map.Entry<String, OffsetDateTime> other : others(connection).entrySet()) {
                    boolean renewed = !other.getValue().equals(others.get(other.getKey()));
                    if (renewed && Duration.between(other.getValue(), later).compareTo(deadAfter()) <= 0) {
                        end();
                        throw inUse(Duration.between(other.getValue(), later));
                    }
                }
            }
            try (PreparedStatement dead = connection.prepareStatement(
                    "DELETE FROM node_heartbeat WHERE lock_owner = ? AND instance_id <> ?")) {
                dead.setString(1, lockOwner);
                dead.setString(2, instanceId);
                dead.executeUpdate();
            }
            commit(connection);
        }
    }

    /**
     * From the claim until the service's own heartbeat takes over (its first {@link #beat()}, when the application has
     * started), the row is renewed on a thread of its own: start-up takes longer than a node may go without renewing.
     */
    private synchronized void renewUntilWatched() {
        if (startUpRenewal == null) {
            startUpRenewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "node-heartbeat-start-up");
                thread.setDaemon(true);
                return thread;
            });
            startUpRenewal.scheduleWithFixedDelay(this::renewQuietly, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void stopStartUpRenewal() {
        if (startUpRenewal != null) {
            startUpRenewal.shutdown();
            startUpRenewal = null;
        }
    }

    private void renewQuietly() {
        try (Connection connection = dataSource.getConnection()) {
            renew(connection);
            commit(connection);
        } catch (SQLException | RuntimeException e) {
            // the service's heartbeat reports failing writes once it runs; until then the next renewal tries again
        }
    }

    /** Stops renewing at a failed start-up. */
    @Override
    public void destroy() {
        stopStartUpRenewal();
    }

    /** Renews this process's row (writing it first if there is none); the service's heartbeat from now on. */
    public void beat() throws SQLException {
        stopStartUpRenewal();
        try (Connection connection = dataSource.getConnection()) {
            renew(connection);
            commit(connection);
        }
    }

    /** Removes this process's row on a clean stop, so that a restart under the same owner need not wait. */
    public void end() throws SQLException {
        stopStartUpRenewal();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM node_heartbeat WHERE instance_id = ?")) {
            delete.setString(1, instanceId);
            delete.executeUpdate();
            commit(connection);
        }
    }

    private void renew(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE node_heartbeat SET beat_at = CURRENT_TIMESTAMP WHERE instance_id = ?")) {
            update.setString(1, instanceId);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO node_heartbeat"
                + " (instance_id, lock_owner, started_at, beat_at) VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            insert.setString(1, instanceId);
            insert.setString(2, lockOwner);
            insert.executeUpdate();
        }
    }

    private Map<String, OffsetDateTime> others(Connection connection) throws SQLException {
        Map<String, OffsetDateTime> beats = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT instance_id, beat_at FROM node_heartbeat WHERE lock_owner = ? AND instance_id <> ?")) {
            select.setString(1, lockOwner);
            select.setString(2, instanceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    beats.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class));
                }
            }
        }
        return beats;
    }

    private static OffsetDateTime databaseNow(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet now = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            now.next();
            return now.getObject(1, OffsetDateTime.class);
        }
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private InvalidConfigurationPropertyValueException inUse(Duration age) {
        return new InvalidConfigurationPropertyValueException(LOCK_OWNER_PROPERTY, lockOwner, "another live node runs"
                + " its job executor under this lock owner (its heartbeat row was renewed " + age.toMillis() + " ms ago,"
                + " while this node watched it). Two nodes under one lock owner release each other's job locks at"
                + " start-up and may run the same job twice. Give each node its own " + LOCK_OWNER_PROPERTY + " (the"
                + " default, host:port:data directory, is the same for two nodes that agree on all three, e.g. in"
                + " containers with one host name)");
    }
}
