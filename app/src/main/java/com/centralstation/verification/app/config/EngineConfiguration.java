package com.centralstation.verification.app.config;

import com.centralstation.verification.app.engine.JobAcquisitionIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Engine plugins of our own (Camunda's starter picks up every ProcessEnginePlugin bean). */
@Configuration
public class EngineConfiguration {

    @Bean
    JobAcquisitionIndex jobAcquisitionIndex(DataSource dataSource) {
        return new JobAcquisitionIndex(dataSource);
    }
}
