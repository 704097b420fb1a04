package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.core.usecase.CancelBySupervisor;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.springframework.beans.factory.ObjectProvider;
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
    NoBlindRetries noBlindRetries() {
        return new NoBlindRetries();
    }

    /** The use case is looked up when an instance ends: it must not be built before the engine it lives beside. */
    @Bean
    SupervisorCancellation supervisorCancellation(ObjectProvider<CancelBySupervisor> cancelBySupervisor) {
        return new SupervisorCancellation(cancelBySupervisor::getObject);
    }

    @Bean
    IdGenerator timeOrderedIdGenerator() {
        return new TimeOrderedIdGenerator();
    }
}
