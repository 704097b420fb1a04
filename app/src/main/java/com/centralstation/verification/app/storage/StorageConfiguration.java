package com.centralstation.verification.app.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;

import javax.sql.DataSource;

/** Upkeep of the database file: the embedded H2's housekeeping (nothing for PostgreSQL). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(H2HousekeepingProperties.class)
public class StorageConfiguration {

    /**
     * The lifecycle phase of the storage's own threads. Spring stops higher phases first and waits for each phase:
     * the web server's graceful shutdown and its stop ({@code SmartLifecycle.DEFAULT_PHASE} - 1024 and - 2048), then
     * the task executors, among them the job executor's threads, which finish their running jobs
     * ({@link ExecutorConfigurationSupport#DEFAULT_PHASE}), and only then this: nothing writes any more when the
     * housekeeping rewrites for the last time. The datasource closes after all.
     */
    public static final int STOP_LAST = ExecutorConfigurationSupport.DEFAULT_PHASE - 1024;

    @Bean
    H2Housekeeping h2Housekeeping(DataSource dataSource, H2HousekeepingProperties properties) {
        return new H2Housekeeping(dataSource, properties);
    }
}
