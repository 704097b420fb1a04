package com.centralstation.verification.app.config;

import com.centralstation.verification.core.port.out.ExpiredRecords;
import com.centralstation.verification.core.usecase.PurgeExpiredRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;

/** The purge that keeps raw webhook bodies, response-link tokens and notification attempts to their retention. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionConfiguration.class);

    private final RetentionProperties properties;
    private final ExpiredRecords records;
    private final Clock clock;

    public RetentionConfiguration(RetentionProperties properties, ExpiredRecords records, Clock clock) {
        this.properties = properties;
        this.records = records;
        this.clock = clock;
    }

    @Bean
    PurgeExpiredRecords purgeExpiredRecords() {
        return new PurgeExpiredRecords(records, clock, properties.endedVerifications());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        PurgeExpiredRecords purge = purgeExpiredRecords();
        registrar.addCronTask(() -> {
            PurgeExpiredRecords.Purged purged = purge.purge();
            if (purged.any()) {
                log.info("Purged {} rows of verifications ended over {} ago, {} unattached webhook deliveries",
                        purged.ofVerifications(), properties.endedVerifications(), purged.unattached());
            }
        }, properties.purgeCron());
    }
}
