package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.core.usecase.CancelBySupervisor;
import com.centralstation.verification.workflow.delegate.OperatorTaskListener;
import com.centralstation.verification.workflow.engine.sandbox.DeploymentGuard;
import com.centralstation.verification.workflow.engine.sandbox.ListedBeans;
import com.centralstation.verification.workflow.engine.sandbox.ModelSandbox;
import com.centralstation.verification.workflow.process.FirstNotificationCommits;
import org.camunda.bpm.engine.TaskService;
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
    NodeHeartbeat nodeHeartbeat(DataSource dataSource, EngineProperties properties, Environment environment) {
        int port = environment.getProperty("server.port", Integer.class, 8080);
        Path dataDir = Path.of(environment.getProperty("verification.data-dir", "./data"));
        return new NodeHeartbeat(dataSource, properties.lockOwner(port, dataDir), properties.heartbeatInterval());
    }

    @Bean
    JobLockOwner jobLockOwner(DataSource dataSource, NodeHeartbeat heartbeat, Environment environment) {
        return new JobLockOwner(dataSource, heartbeat.lockOwner(), environment.getProperty("spring.datasource.url", ""),
                heartbeat);
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

    /** The listener is looked up when a task event fires, for the same reason. */
    @Bean
    OperatorTaskTracking operatorTaskTracking(ObjectProvider<OperatorTaskListener> listener) {
        return new OperatorTaskTracking(listener::getObject);
    }

    /** Tasks about the service itself (a disk running low), so that app names no engine class. */
    @Bean
    SupervisorTasks supervisorTasks(TaskService tasks, RoleProperties roles) {
        return new SupervisorTasks(tasks, roles);
    }

    @Bean
    TimerDurationFactory timerDurationFactory() {
        return new TimerDurationFactory();
    }

    @Bean
    IdGenerator timeOrderedIdGenerator() {
        return new TimeOrderedIdGenerator();
    }

    /** Expressions resolve the beans of ModelBeans, looked up when first named (some depend on the engine). */
    @Bean
    ModelSandbox modelSandbox(BeanFactory beanFactory) {
        return new ModelSandbox(new ListedBeans(beanFactory));
    }

    @Bean
    DeploymentGuard deploymentGuard() {
        return new DeploymentGuard();
    }

    @Bean
    ExpectedJobFailureLogs expectedJobFailureLogs() {
        return new ExpectedJobFailureLogs();
    }

    @Bean
    RetryDueNow retryDueNow() {
        return new RetryDueNow();
    }

    @Bean
    OperatorTaskTitles operatorTaskTitles() {
        return new OperatorTaskTitles();
    }

    @Bean
    PolicyVersionRecorder policyVersionRecorder() {
        return new PolicyVersionRecorder();
    }

    @Bean
    FirstNotificationSignal firstNotificationSignal(FirstNotificationCommits commits) {
        return new FirstNotificationSignal(commits);
    }
}
