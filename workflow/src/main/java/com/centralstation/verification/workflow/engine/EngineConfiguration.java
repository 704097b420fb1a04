package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Engine plugins and parts of our own (Camunda's starter picks up every ProcessEnginePlugin and an IdGenerator bean). */
@Configuration
public class EngineConfiguration {

    @Bean
    JobAcquisitionIndex jobAcquisitionIndex(DataSource dataSource) {
        return new JobAcquisitionIndex(dataSource);
    }

    @Bean
    IdGenerator timeOrderedIdGenerator() {
        return new TimeOrderedIdGenerator();
    }
}
