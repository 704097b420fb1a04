package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.core.usecase.CancelBySupervisor;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * Engine plugins and parts of our own (Camunda's starter picks up every ProcessEnginePlugin and an IdGenerator bean).
 * The app adds {@link Roles}, which needs the configured admin user.
 */
@Configuration
@EnableConfigurationProperties({EngineProperties.class, RoleProperties.class})
public class EngineConfiguration {

    @Bean
    JobAcquisitionIndex jobAcquisitionIndex(DataSource dataSource) {
        return new JobAcquisitionIndex(dataSource);
    }

    /** The default owner names the node by the service's port and data directory, read as the app configures them. */
    @Bean
    JobLockOwner jobLockOwner(DataSource dataSource, EngineProperties properties, Environment environment) {
        int port = environment.getProperty("server.port", Integer.class, 8080);
        Path dataDir = Path.of(environment.getProperty("verification.data-dir", "./data"));
        return new JobLockOwner(dataSource, properties.lockOwner(port, dataDir));
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
    TimerDurationFactory timerDurationFactory() {
        return new TimerDurationFactory();
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
