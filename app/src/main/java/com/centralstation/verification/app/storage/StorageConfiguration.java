package com.centralstation.verification.app.storage;

import com.centralstation.verification.app.config.StorageProperties;
import com.centralstation.verification.app.metrics.StorageGauges;
import com.centralstation.verification.workflow.engine.NodeHeartbeat;
import com.centralstation.verification.workflow.engine.SupervisorTasks;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.system.DiskSpaceHealthIndicatorProperties;
import org.springframework.boot.actuate.system.DiskSpaceHealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * Upkeep of the database and its disk: the embedded H2's housekeeping and its file gauges, the heartbeat that proves
 * writes and recovers from a failed one, the data directory's free space, and what health, metrics and the log say
 * about them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({H2HousekeepingProperties.class, StorageWatchProperties.class})
public class StorageConfiguration {

    /**
     * The lifecycle phase of the storage's own threads. Spring stops higher phases first and waits for each phase:
     * the web server's graceful shutdown and its stop ({@code SmartLifecycle.DEFAULT_PHASE} - 1024 and - 2048), then
     * the task executors, among them the job executor's threads, which finish their running jobs
     * ({@link ExecutorConfigurationSupport#DEFAULT_PHASE}), and only then this: nothing writes any more when the
     * housekeeping rewrites for the last time and the heartbeat row is removed. The datasource closes after all.
     */
    public static final int STOP_LAST = ExecutorConfigurationSupport.DEFAULT_PHASE - 1024;

    /** The outage's times are wall-clock times, whatever the engine's clock says. */
    private static final Clock WALL_CLOCK = Clock.systemUTC();

    @Bean
    H2Housekeeping h2Housekeeping(DataSource dataSource, H2HousekeepingProperties properties) {
        return new H2Housekeeping(dataSource, properties);
    }

    @Bean
    H2FileGauges h2FileGauges(DataSource dataSource) {
        return new H2FileGauges(dataSource);
    }

    @Bean
    StorageOutage storageOutage() {
        return new StorageOutage(WALL_CLOCK);
    }

    @Bean
    DataDirectorySpace dataDirectorySpace(StorageProperties storage, StorageWatchProperties watch,
                                          NodeHeartbeat heartbeat, SupervisorTasks supervisors) {
        return new DataDirectorySpace(storage.dataDir(), watch.lowSpaceAlert(), heartbeat.lockOwner(), supervisors::openOnce);
    }

    @Bean
    StorageWatch storageWatch(NodeHeartbeat heartbeat, StorageOutage outage, DataSource dataSource,
                              DataDirectorySpace space, ApplicationEventPublisher events, StorageWatchProperties watch) {
        return new StorageWatch(heartbeat, outage, dataSource, space, events, watch.restartAfter(), WALL_CLOCK);
    }

    /**
     * {@code storage}: stale once three heartbeats are missing beyond the pool's wait for a connection, which a
     * heartbeat may spend during an outage.
     */
    @Bean
    StorageHealthIndicator storageHealthIndicator(StorageOutage outage, NodeHeartbeat heartbeat) {
        return new StorageHealthIndicator(outage, heartbeat.interval().multipliedBy(3).plus(Duration.ofSeconds(30)),
                WALL_CLOCK);
    }

    /**
     * Spring Boot's {@code diskSpace} indicator, on the data directory instead of the working directory, with Boot's
     * threshold ({@code management.health.diskspace.threshold}, 10 MB): DOWN when the disk is practically full.
     */
    @Bean
    @ConditionalOnEnabledHealthIndicator("diskspace")
    DiskSpaceHealthIndicator diskSpaceHealthIndicator(DataDirectorySpace space, DiskSpaceHealthIndicatorProperties boot) {
        return new DiskSpaceHealthIndicator(space.measured().toFile(), boot.getThreshold());
    }

    @Bean
    StorageGauges storageGauges(DataDirectorySpace space, StorageOutage outage) {
        return new StorageGauges(space, outage);
    }
}
