package com.centralstation.verification.app.storage;

import com.centralstation.verification.workflow.engine.NodeHeartbeat;
import com.centralstation.verification.workflow.engine.StorageFailure;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every heartbeat interval: renews this node's heartbeat row (the write that proves the database writes), measures
 * the data directory's free space, and after a failed write gets the database going again without a person.
 * <ul>
 *   <li>A write works: an outage under way ends ({@link StorageOutage}), liveness is correct again, and the pool's
 *       connections are replaced once more (those opened during the outage may belong to a database closed since).</li>
 *   <li>A write fails: the outage begins or goes on. The connections in the pool are replaced (Hikari's soft
 *       eviction: idle ones at once, busy ones when handed back), since after a failure they may belong to a database
 *       that no longer writes (a PostgreSQL session that was made read-only stays so). An embedded H2 database whose
 *       file closed after the failed write is taken out of H2's registry first ({@link EmbeddedH2#releaseBroken}), so
 *       that the next connection opens the file again, at its last complete commit. So when space returns, the next
 *       heartbeat works, and with it every request and job after it.</li>
 *   <li>An embedded H2 that still cannot write after {@code restart-after}, although the disk is not full, cannot be
 *       recovered in this process: liveness goes DOWN so that whatever supervises the process restarts it. A full disk
 *       does not: a restart would not help, and the service recovers once space returns. On PostgreSQL a restart never
 *       helps; liveness stays up.</li>
 * </ul>
 * The heartbeat runs on its own thread, every second while an outage lasts: during an outage a connection may take
 * the pool's whole connection timeout.
 */
public final class StorageWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StorageWatch.class);
    /** While an outage lasts, the heartbeat is tried this often. */
    static final Duration DURING_OUTAGE = Duration.ofSeconds(1);

    private final NodeHeartbeat heartbeat;
    private final StorageOutage outage;
    private final DataSource dataSource;
    private final DataDirectorySpace space;
    private final ApplicationEventPublisher events;
    private final Duration restartAfter;
    private final Clock clock;
    private final StorageFailureLogFilter logFilter;
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    /** One round at a time, whoever runs it; not this object's monitor, which stop() holds while it waits for a round. */
    private final Object round = new Object();
    private volatile ScheduledExecutorService thread;
    private boolean embeddedH2;
    private volatile boolean livenessBroken;

    public StorageWatch(NodeHeartbeat heartbeat, StorageOutage outage, DataSource dataSource, DataDirectorySpace space,
                        ApplicationEventPublisher events, Duration restartAfter, Clock clock) {
        this.heartbeat = heartbeat;
        this.outage = outage;
        this.dataSource = dataSource;
        this.space = space;
        this.events = events;
        this.restartAfter = restartAfter;
        this.clock = clock;
        this.logFilter = new StorageFailureLogFilter(outage, this::checkSoon);
        outage.whenBegun(this::checkSoon);
    }

    /** Beats once before the application reports ready, so that health tells the truth from the start. */
    @Override
    public synchronized void start() {
        try {
            embeddedH2 = EmbeddedH2.store(dataSource).isPresent();
        } catch (SQLException e) {
            embeddedH2 = false;
        }
        logFilter.install();
        ScheduledExecutorService executor = StorageThread.start("storage-watch");
        thread = executor;
        tick();
        scheduleNext(executor);
    }

    /** The next round: after the heartbeat interval, or after a second while an outage lasts, to recover sooner. */
    private void scheduleNext(ScheduledExecutorService executor) {
        Duration delay = outage.current().isPresent() && heartbeat.interval().compareTo(DURING_OUTAGE) > 0
                ? DURING_OUTAGE : heartbeat.interval();
        try {
            executor.schedule(() -> {
                try {
                    tick();
                } finally {
                    scheduleNext(executor);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the watch stopped meanwhile
        }
    }

    /** Lets a heartbeat under way finish, then removes this node's heartbeat row: a restart need not wait for it. */
    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        StorageThread.finish(thread, heartbeat.interval().plusMillis(connectionTimeoutMillis()));
        thread = null;
        logFilter.uninstall();
        try {
            heartbeat.end();
        } catch (SQLException | RuntimeException e) {
            log.debug("Heartbeat row not removed at stop: {}", e.toString());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return StorageConfiguration.STOP_LAST;
    }

    /** A storage failure turned up somewhere: beat now rather than at the next interval. */
    void checkSoon() {
        ScheduledExecutorService running = thread;
        if (running != null && checkQueued.compareAndSet(false, true)) {
            try {
                running.execute(this::tick);
            } catch (RejectedExecutionException stopped) {
                checkQueued.set(false);
            }
        }
    }

    /** One round: free space, then the heartbeat and what its result calls for. */
    void tick() {
        synchronized (round) {
            checkQueued.set(false);
            checkSpace();
            heartbeatAndRecover();
        }
    }

    private void checkSpace() {
        try {
            space.check();
        } catch (RuntimeException e) {
            // the task for the supervisors could not be opened (perhaps the very outage); the next round tries again
            if (StorageFailure.in(e).isEmpty()) {
                log.warn("Checking the data directory's free space failed: {}", e.toString());
            }
        }
    }

    private void heartbeatAndRecover() {
        try {
            beat();
        } catch (SQLException | RuntimeException failed) {
            outage.failed(StorageFailure.in(failed)
                    .orElseGet(() -> new StorageFailure("heartbeat write failed: " + failed.getMessage())));
            renewConnections();
            // With fresh connections the database may write at once (space came back since the failed attempt)
            try {
                beat();
            } catch (SQLException | RuntimeException stillFailing) {
                StorageFailure failure = StorageFailure.in(stillFailing)
                        .orElseGet(() -> new StorageFailure("heartbeat write failed: " + stillFailing.getMessage()));
                judgeLiveness(failure);
            }
        }
    }

    private void beat() throws SQLException {
        boolean outageUnderWay = outage.current().isPresent();
        heartbeat.beat();
        outage.writeWorked();
        if (outageUnderWay) {
            // Connections opened while it lasted may belong to a database that has closed since (an H2 that failed a
            // write again before space returned): each would fail its next request once, and begin the outage anew.
            evictPooledConnections();
        }
        if (livenessBroken) {
            livenessBroken = false;
            AvailabilityChangeEvent.publish(events, this, LivenessState.CORRECT);
        }
    }

    private void renewConnections() {
        if (embeddedH2) {
            try {
                if (EmbeddedH2.releaseBroken(dataSource)) {
                    log.debug("The H2 database closed its file after a failed write; the next connection opens it again");
                }
            } catch (SQLException | RuntimeException e) {
                log.debug("Could not reach the H2 database to reopen it: {}", e.toString());
            }
        }
        evictPooledConnections();
    }

    /** Hikari's soft eviction: idle connections closed at once, busy ones when handed back. */
    private void evictPooledConnections() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                Optional.ofNullable(dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean())
                        .ifPresent(pool -> pool.softEvictConnections());
            }
        } catch (SQLException e) {
            log.debug("Could not renew the pool's connections: {}", e.toString());
        }
    }

    private void judgeLiveness(StorageFailure failure) {
        if (livenessBroken || !embeddedH2) {
            return;
        }
        boolean spaceIsBack = !failure.diskFull() || !space.low();
        boolean tooLong = outage.current().map(episode -> episode.lasted(clock.instant()).compareTo(restartAfter) >= 0)
                .orElse(false);
        if (spaceIsBack && tooLong) {
            livenessBroken = true;
            log.error("The embedded H2 database has not written for {} s although the disk is not full ({}); reopening"
                    + " it in this process has not worked. Liveness is DOWN: restart the process (a supervisor with a"
                    + " restart policy does so)", restartAfter.toSeconds(), failure.cause());
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        }
    }

    private long connectionTimeoutMillis() {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class)
                    ? dataSource.unwrap(HikariDataSource.class).getConnectionTimeout() : 30_000;
        } catch (SQLException e) {
            return 30_000;
        }
    }
}
