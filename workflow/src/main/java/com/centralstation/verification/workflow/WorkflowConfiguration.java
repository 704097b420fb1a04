package com.centralstation.verification.workflow;

import com.centralstation.verification.core.usecase.AcceptDecision;
import com.centralstation.verification.core.usecase.CloseUnverified;
import com.centralstation.verification.core.usecase.NotifyNextContact;
import com.centralstation.verification.core.usecase.RecordAgencyCall;
import com.centralstation.verification.core.usecase.RecordEscalation;
import com.centralstation.verification.core.usecase.RecordOperatorTask;
import com.centralstation.verification.core.usecase.SubmitDecision;
import com.centralstation.verification.workflow.delegate.AcceptDecisionDelegate;
import com.centralstation.verification.workflow.delegate.AgencyCallListener;
import com.centralstation.verification.workflow.delegate.CloseUnverifiedDelegate;
import com.centralstation.verification.workflow.delegate.NotifyContactDelegate;
import com.centralstation.verification.workflow.delegate.OperatorReviewListener;
import com.centralstation.verification.workflow.delegate.OperatorTaskListener;
import com.centralstation.verification.workflow.delegate.RecordEscalationDelegate;
import com.centralstation.verification.workflow.delegate.SubmitDecisionDelegate;
import com.centralstation.verification.workflow.engine.EngineClock;
import com.centralstation.verification.workflow.process.CamundaAlarmClassifier;
import com.centralstation.verification.workflow.process.CamundaAlarmValidationTables;
import com.centralstation.verification.workflow.process.CamundaCandidatePolicies;
import com.centralstation.verification.workflow.process.CamundaOpenIncidents;
import com.centralstation.verification.workflow.process.CamundaOperatorConsole;
import com.centralstation.verification.workflow.process.CamundaVerificationProcess;
import com.centralstation.verification.workflow.process.FirstNotificationCommits;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import java.time.Clock;

/**
 * The engine glue for the app to import: the beans the model's expressions name (delegates, the
 * operator form's listener, the escalation timers, the submission's deadline and retry cycle), the {@link CamundaVerificationProcess}, the
 * {@link CamundaAlarmClassifier} and the {@link CamundaOpenIncidents} the supervision gauge reads.
 * Expects from the app: the core use cases NotifyNextContact, RecordEscalation, AcceptDecision,
 * SubmitDecision, CloseUnverified, RecordAgencyCall and RecordOperatorTask, a {@link Clock} (an {@link EngineClock}, so core and the
 * engine's timers share one time) and the engine's {@link RuntimeService} and {@link DecisionService}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EscalationProperties.class, SubmissionProperties.class})
public class WorkflowConfiguration {

    @Bean(EscalationTimers.BEAN_NAME)
    public EscalationTimers escalationTimers(EscalationProperties properties) {
        return new EscalationTimers(properties);
    }

    @Bean(SubmissionTimers.BEAN_NAME)
    public SubmissionTimers submissionTimers(SubmissionProperties properties) {
        return new SubmissionTimers(properties);
    }

    @Bean(NotifyContactDelegate.BEAN_NAME)
    public NotifyContactDelegate notifyContactDelegate(NotifyNextContact notifyNextContact) {
        return new NotifyContactDelegate(notifyNextContact);
    }

    @Bean(RecordEscalationDelegate.BEAN_NAME)
    public RecordEscalationDelegate recordEscalationDelegate(RecordEscalation recordEscalation) {
        return new RecordEscalationDelegate(recordEscalation);
    }

    @Bean(AcceptDecisionDelegate.BEAN_NAME)
    public AcceptDecisionDelegate acceptDecisionDelegate(AcceptDecision acceptDecision) {
        return new AcceptDecisionDelegate(acceptDecision);
    }

    @Bean(SubmitDecisionDelegate.BEAN_NAME)
    public SubmitDecisionDelegate submitDecisionDelegate(SubmitDecision submitDecision) {
        return new SubmitDecisionDelegate(submitDecision);
    }

    @Bean(CloseUnverifiedDelegate.BEAN_NAME)
    public CloseUnverifiedDelegate closeUnverifiedDelegate(CloseUnverified closeUnverified) {
        return new CloseUnverifiedDelegate(closeUnverified);
    }

    @Bean(OperatorReviewListener.BEAN_NAME)
    public OperatorReviewListener operatorReviewListener(Clock clock) {
        return new OperatorReviewListener(clock);
    }

    @Bean(AgencyCallListener.BEAN_NAME)
    public AgencyCallListener agencyCallListener(RecordAgencyCall recordAgencyCall) {
        return new AgencyCallListener(recordAgencyCall);
    }

    /** Not named in the model: the engine adds it to every user task (workflow.engine.OperatorTaskTracking). */
    @Bean
    public OperatorTaskListener operatorTaskListener(RecordOperatorTask recordOperatorTask) {
        return new OperatorTaskListener(recordOperatorTask);
    }

    @Bean
    public CamundaOperatorConsole camundaOperatorConsole(IdentityService identityService, TaskService taskService,
                                                         RuntimeService runtimeService) {
        return new CamundaOperatorConsole(identityService, taskService, runtimeService);
    }

    /** Told by the engine plugin {@code engine.FirstNotificationSignal}; waited on by {@link CamundaVerificationProcess}. */
    @Bean
    public FirstNotificationCommits firstNotificationCommits() {
        return new FirstNotificationCommits();
    }

    @Bean
    public CamundaVerificationProcess camundaVerificationProcess(RuntimeService runtimeService,
                                                                 ManagementService managementService,
                                                                 FirstNotificationCommits firstNotifications) {
        return new CamundaVerificationProcess(runtimeService, managementService, firstNotifications);
    }

    @Bean
    public CamundaOpenIncidents camundaOpenIncidents(RuntimeService runtimeService) {
        return new CamundaOpenIncidents(runtimeService);
    }

    @Bean
    public CamundaAlarmClassifier camundaAlarmClassifier(DecisionService decisionService) {
        return new CamundaAlarmClassifier(decisionService);
    }

    /**
     * Lazy: the tables are asked only while a decision is accepted, inside the running engine, and the
     * engine's own wiring may need the delegates (and so the use cases) before the engine exists.
     */
    @Bean
    public CamundaAlarmValidationTables camundaAlarmValidationTables(@Lazy DecisionService decisionService) {
        return new CamundaAlarmValidationTables(decisionService);
    }

    @Bean
    public CamundaCandidatePolicies camundaCandidatePolicies() {
        return new CamundaCandidatePolicies();
    }
}
