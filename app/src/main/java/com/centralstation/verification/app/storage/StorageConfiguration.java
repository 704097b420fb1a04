package com.centralstation.verification.app.storage;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Upkeep of the database file: the embedded H2's housekeeping and its gauges (nothing for PostgreSQL). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(H2HousekeepingProperties.class)
public class StorageConfiguration {

    @Bean
    H2Housekeeping h2Housekeeping(DataSource dataSource, H2HousekeepingProperties properties) {
        return new H2Housekeeping(dataSource, properties);
    }

    @Bean
    H2FileGauges h2FileGauges(DataSource dataSource) {
        return new H2FileGauges(dataSource);
    }
}
