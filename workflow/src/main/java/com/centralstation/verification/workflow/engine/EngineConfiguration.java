package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Engine plugins and parts of our own (Camunda's starter picks up every ProcessEnginePlugin and an IdGenerator bean).
 * The app adds {@link Roles}, which needs the configured admin user.
 */
@Configuration
@EnableConfigurationProperties(RoleProperties.class)
public class EngineConfiguration {

    @Bean
    JobAcquisitionIndex jobAcquisitionIndex(DataSource dataSource) {
        return new JobAcquisitionIndex(dataSource);
    }

    @Bean
    IdGenerator timeOrderedIdGenerator() {
        return new TimeOrderedIdGenerator();
    }

    @Bean
    ModelBeansOnly modelBeansOnly(BeanFactory beanFactory) {
        return new ModelBeansOnly(beanFactory);
    }

    @Bean
    DeploymentGuard deploymentGuard() {
        return new DeploymentGuard();
    }

    @Bean
    PolicyVersionRecorder policyVersionRecorder() {
        return new PolicyVersionRecorder();
    }
}
