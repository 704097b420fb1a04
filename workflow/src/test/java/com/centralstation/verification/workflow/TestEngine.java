package com.centralstation.verification.workflow;

import com.centralstation.verification.workflow.engine.TimeOrderedIdGenerator;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryVerificationRepository;
import com.centralstation.verification.core.testing.InMemoryOperatorTaskLog;
import com.centralstation.verification.core.usecase.CancelBySupervisor;
import com.centralstation.verification.core.usecase.RecordOperatorTask;
import com.centralstation.verification.workflow.delegate.OperatorTaskListener;
import com.centralstation.verification.workflow.engine.OperatorTaskTracking;
import com.centralstation.verification.workflow.engine.NoBlindRetries;
import com.centralstation.verification.workflow.engine.SupervisorCancellation;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import com.centralstation.verification.workflow.engine.sandbox.DeploymentGuard;
import com.centralstation.verification.workflow.engine.sandbox.ModelSandbox;
import com.centralstation.verification.workflow.engine.OperatorTaskTitles;
import com.centralstation.verification.workflow.engine.PolicyVersionRecorder;
import com.centralstation.verification.workflow.engine.RetryDueNow;
import com.centralstation.verification.workflow.engine.FirstNotificationSignal;
import com.centralstation.verification.workflow.process.FirstNotificationCommits;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One in-memory engine for all workflow tests (building it is the slow part). Its expression beans
 * are a live map: each test puts in delegates over fresh fakes. The job executor is off: tests run
 * jobs themselves and move time with ClockUtil.
 */
final class TestEngine {

    /** Not an expression bean: where the supervisor-cancellation plugin finds the current test's use case. */
    static final String CANCEL_BY_SUPERVISOR = "test:cancelBySupervisor";

    /** Not an expression bean either: where the operator-task tracking plugin finds the current test's listener. */
    static final String OPERATOR_TASK_LISTENER = "test:operatorTaskListener";

    private static final Map<Object, Object> BEANS = new ConcurrentHashMap<>();
    /** What the engine's {@link FirstNotificationSignal} tells, for the tests' {@code CamundaVerificationProcess}. */
    static final FirstNotificationCommits FIRST_NOTIFICATIONS = new FirstNotificationCommits();
    private static ProcessEngine engine;

    private TestEngine() {
    }

    static synchronized ProcessEngine engine() {
        if (engine == null) {
            StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
            configuration.setProcessEngineName("workflow-tests");
            // a named in-memory H2 that several connections share, for the concurrent-decision tests
            configuration.setJdbcUrl("jdbc:h2:mem:workflow-tests;DB_CLOSE_DELAY=-1;DEFAULT_LOCK_TIMEOUT=10000");
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
            configuration.setJobExecutorActivate(false);
            // MyBatis's pool reclaims a connection held longer than 20 s by default; removing the storm of
            // LifeSafetyUnderLoadTest (hundreds of instances, full history) in one transaction takes longer.
            configuration.setJdbcMaxCheckoutTime(300_000);
            configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
            // As the service's engine (app EngineConfiguration, JobAcquisitionIndex, application.yml).
            configuration.setIdGenerator(new TimeOrderedIdGenerator());
            configuration.setEnsureJobDueDateNotNull(true);
            configuration.setJobExecutorAcquireByPriority(true);
            // The service's sandbox: expressions resolve the test's beans as the service's resolve ModelBeans.
            configuration.setProcessEnginePlugins(List.of(new ModelSandbox(BEANS), new PolicyVersionRecorder(), new DeploymentGuard(),
                    new NoBlindRetries(), new SupervisorCancellation(TestEngine::cancelBySupervisor),
                    new OperatorTaskTracking(TestEngine::operatorTaskListener), new OperatorTaskTitles(), new RetryDueNow(),
                    new FirstNotificationSignal(FIRST_NOTIFICATIONS)));
            engine = configuration.buildProcessEngine();
        }
        return engine;
    }

    /** The current test's use case; instances left over from a test without one end into a throwaway repository. */
    private static CancelBySupervisor cancelBySupervisor() {
        Object current = BEANS.get(CANCEL_BY_SUPERVISOR);
        return current instanceof CancelBySupervisor useCase ? useCase : new CancelBySupervisor(
                new InMemoryVerificationRepository(), new InMemoryAuditTrail(), VerificationMetrics.NONE, Clock.systemUTC());
    }

    /** The current test's listener; tasks of instances left over from a test without one go to a throwaway log. */
    private static OperatorTaskListener operatorTaskListener() {
        Object current = BEANS.get(OPERATOR_TASK_LISTENER);
        return current instanceof OperatorTaskListener listener ? listener : new OperatorTaskListener(new RecordOperatorTask(
                new InMemoryOperatorTaskLog(), new InMemoryAuditTrail(), Clock.systemUTC()));
    }

    static void useBeans(Map<String, Object> beans) {
        BEANS.clear();
        BEANS.putAll(beans);
    }

    static void replaceBean(String name, Object bean) {
        BEANS.put(name, bean);
    }
}
