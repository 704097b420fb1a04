package com.centralstation.verification.app.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Upkeep of the database file: the embedded H2's compaction (nothing for PostgreSQL). */
@Configuration
@EnableConfigurationProperties(H2CompactionProperties.class)
public class StorageConfiguration {

    @Bean
    H2Compaction h2Compaction(DataSource dataSource, H2CompactionProperties properties) {
        return new H2Compaction(dataSource, properties);
    }
}
