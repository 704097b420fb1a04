package com.centralstation.verification.app.config;

import com.centralstation.verification.adapters.chekt.ChektProperties;
import com.centralstation.verification.adapters.notification.EnabledChannels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/** Settings that are each valid alone but unsafe together or against the database: checked before any work is taken. */
@Configuration(proxyBeanMethods = false)
public class StartUpChecksConfiguration {

    /** Static: it must see the datasource the moment it is made, before Flyway and the engine use it. */
    @Bean
    static DurableCommits durableCommits(Environment environment) {
        return new DurableCommits(environment);
    }

    @Bean
    JobLockTime jobLockTime(ChektProperties chekt, EnabledChannels channels, Environment environment,
                            DataSource dataSource) {
        return new JobLockTime(chekt, channels, environment, dataSource);
    }
}
