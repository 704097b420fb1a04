package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmValidation;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.ValidationFacts;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.testing.ImmediateUnitOfWork;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryCallListDirectory;
import com.centralstation.verification.core.testing.InMemoryCancellationTombstones;
import com.centralstation.verification.core.testing.InMemoryDeliveryInbox;
import com.centralstation.verification.core.testing.InMemoryNotificationLog;
import com.centralstation.verification.core.testing.InMemoryOperatorTaskLog;
import com.centralstation.verification.core.testing.InMemoryResponseTokenStore;
import com.centralstation.verification.core.testing.InMemoryVerificationRepository;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.testing.RecordingContactNotifier;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.AcceptDecision;
import com.centralstation.verification.core.usecase.CancelBySupervisor;
import com.centralstation.verification.core.usecase.CancelVerification;
import com.centralstation.verification.core.usecase.CloseUnverified;
import com.centralstation.verification.core.usecase.NotifyNextContact;
import com.centralstation.verification.core.usecase.StartVerification;
import com.centralstation.verification.core.usecase.RecordAgencyCall;
import com.centralstation.verification.core.usecase.RecordDecision;
import com.centralstation.verification.core.usecase.RecordEscalation;
import com.centralstation.verification.core.usecase.RecordOperatorTask;
import com.centralstation.verification.core.usecase.SubmitDecision;
import com.centralstation.verification.core.usecase.VerificationRequest;
import com.centralstation.verification.workflow.delegate.AcceptDecisionDelegate;
import com.centralstation.verification.workflow.delegate.AgencyCallListener;
import com.centralstation.verification.workflow.delegate.CloseUnverifiedDelegate;
import com.centralstation.verification.workflow.delegate.NotifyContactDelegate;
import com.centralstation.verification.workflow.delegate.OperatorReviewListener;
import com.centralstation.verification.workflow.delegate.OperatorTaskListener;
import com.centralstation.verification.workflow.delegate.RecordEscalationDelegate;
import com.centralstation.verification.workflow.delegate.SubmitDecisionDelegate;
import com.centralstation.verification.workflow.engine.EngineClock;
import com.centralstation.verification.workflow.process.CamundaAlarmValidationTables;
import com.centralstation.verification.workflow.process.CamundaVerificationProcess;
import com.centralstation.verification.workflow.process.CamundaAlarmClassifier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real core use cases over core's in-memory fakes, wired to the test engine through the same
 * delegates and bean names the app uses.
 */
final class WorkflowFixture {

    static final Instant START = Instant.parse("2026-05-26T10:21:34Z");
    static final Contact ANN = TestVerifications.ANN;
    static final Contact BEN = TestVerifications.BEN;
    static final Contact CHO = TestVerifications.CHO;
    static final Contact DEE = new Contact(67893, "Dee", "Ng", "+15550100004", "dee@example.com");

    private static final AtomicLong alarmVerificationIds = new AtomicLong(1);

    final ProcessEngine engine;
    final EngineClock clock = new EngineClock();
    final InMemoryVerificationRepository verifications = new InMemoryVerificationRepository();
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final InMemoryCancellationTombstones tombstones = new InMemoryCancellationTombstones();
    final InMemoryCallListDirectory callLists = new InMemoryCallListDirectory();
    final RecordingContactNotifier notifier = new RecordingContactNotifier();
    final RecordingChektGateway chekt = new RecordingChektGateway(clock);

    final InMemoryNotificationLog notifications = new InMemoryNotificationLog();
    final NotifyNextContact notifyNextContact = new NotifyNextContact(verifications, notifier,
            new InMemoryResponseTokenStore(), notifications, new ImmediateUnitOfWork(), audit, VerificationMetrics.NONE,
            clock, Duration.ofHours(24));
    final RecordEscalation recordEscalation = new RecordEscalation(audit, VerificationMetrics.NONE, clock);
    /** The shipped validation tables, as deployed in the test engine. */
    final AcceptDecision acceptDecision = new AcceptDecision(verifications, audit, VerificationMetrics.NONE, clock,
            this::scoreWithDeployedTables, notifications);
    final SubmitDecision submitDecision = new SubmitDecision(verifications, chekt, audit, VerificationMetrics.NONE, clock);
    final CloseUnverified closeUnverified = new CloseUnverified(verifications, audit, VerificationMetrics.NONE, clock);
    final CancelBySupervisor cancelBySupervisor = new CancelBySupervisor(verifications, audit, VerificationMetrics.NONE, clock);
    final RecordAgencyCall recordAgencyCall = new RecordAgencyCall(audit, clock);
    final InMemoryOperatorTaskLog taskLog = new InMemoryOperatorTaskLog();
    final RecordOperatorTask recordOperatorTask = new RecordOperatorTask(taskLog, audit, clock);

    private final Map<UUID, ProcessInstance> instances = new HashMap<>();

    final CamundaVerificationProcess process;
    final StartVerification start;
    final CamundaAlarmClassifier classifier;
    final RecordDecision recordDecision;
    final CancelVerification cancel;

    WorkflowFixture(ProcessEngine engine) {
        this.engine = engine;
        ClockUtil.setCurrentTime(Date.from(START));
        process = new CamundaVerificationProcess(engine.getRuntimeService(), engine.getManagementService(),
                TestEngine.FIRST_NOTIFICATIONS);
        start = new StartVerification(verifications, callLists, process, tombstones, audit, VerificationMetrics.NONE,
                Duration.ofHours(24));
        classifier = new CamundaAlarmClassifier(engine.getDecisionService());
        recordDecision = new RecordDecision(verifications, new InMemoryDeliveryInbox(), process, audit, clock,
                Duration.ofSeconds(30));
        cancel = new CancelVerification(verifications, process, tombstones, audit, VerificationMetrics.NONE, clock);
        TestEngine.useBeans(beans(EscalationProperties.defaults()));
    }

    Map<String, Object> beans(EscalationProperties timers) {
        return beans(timers, SubmissionProperties.defaults());
    }

    Map<String, Object> beans(EscalationProperties timers, SubmissionProperties submission) {
        Map<String, Object> beans = new HashMap<>();
        beans.put(EscalationTimers.BEAN_NAME, new EscalationTimers(timers));
        beans.put(SubmissionTimers.BEAN_NAME, new SubmissionTimers(submission));
        beans.put(NotifyContactDelegate.BEAN_NAME, new NotifyContactDelegate(notifyNextContact));
        beans.put(RecordEscalationDelegate.BEAN_NAME, new RecordEscalationDelegate(recordEscalation));
        beans.put(AcceptDecisionDelegate.BEAN_NAME, new AcceptDecisionDelegate(acceptDecision));
        beans.put(SubmitDecisionDelegate.BEAN_NAME, new SubmitDecisionDelegate(submitDecision));
        beans.put(CloseUnverifiedDelegate.BEAN_NAME, new CloseUnverifiedDelegate(closeUnverified));
        beans.put(OperatorReviewListener.BEAN_NAME, new OperatorReviewListener(clock));
        beans.put(AgencyCallListener.BEAN_NAME, new AgencyCallListener(recordAgencyCall));
        beans.put(TestEngine.CANCEL_BY_SUPERVISOR, cancelBySupervisor);
        beans.put(TestEngine.OPERATOR_TASK_LISTENER, new OperatorTaskListener(recordOperatorTask));
        return beans;
    }

    /** CHeKT's request arrives and is stored; the process starts (its first notification's job not yet run). */
    UUID requestVerification(String trigger, Contact... contacts) {
        UUID id = UUID.randomUUID();
        assertThat(receiveAndStart(TestVerifications.request(id, alarmVerificationIds.getAndIncrement(), trigger,
                List.of(contacts)))).isEqualTo(StartVerification.Outcome.STARTED);
        assertThat(instance(id)).as("process instance of " + id).isNotNull();
        return id;
    }

    /** As {@link #requestVerification(String, Contact...)}, for an alarm of any trigger and priority. */
    UUID requestVerification(Alarm alarm, Contact... contacts) {
        UUID id = UUID.randomUUID();
        assertThat(receiveAndStart(new VerificationRequest(new ChektReference(TestVerifications.SITE,
                alarmVerificationIds.getAndIncrement(), id), alarm, List.of(contacts))))
                .isEqualTo(StartVerification.Outcome.STARTED);
        return id;
    }

    /** Classed by the shipped table and started at once, as the intake does for life safety and the starter for others. */
    private StartVerification.Outcome receiveAndStart(VerificationRequest request) {
        return start.start(request, classifier.classify(request.alarm()), clock.instant());
    }

    static Alarm alarm(String trigger, String priority) {
        return new Alarm("A-1", trigger, priority, null, null, null);
    }

    /** A verification whose first contact has been notified: it waits for a decision with its timers set. */
    UUID waitingVerification(String trigger, Contact... contacts) {
        UUID id = requestVerification(trigger, contacts);
        executeDueJobs();
        return id;
    }

    /** The verification's process instance, as it was started (it stays usable for history assertions after it ends). */
    ProcessInstance instance(UUID verificationId) {
        return instances.computeIfAbsent(verificationId, id -> engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(id.toString()).singleResult());
    }

    VerificationRecord record(UUID verificationId) {
        return verifications.find(verificationId).orElseThrow();
    }

    Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    void advance(Duration duration) {
        ClockUtil.setCurrentTime(Date.from(now().plus(duration)));
    }

    void advanceTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    ContactDecision decision(Contact contact, VerificationAction action) {
        return new ContactDecision(contact.contactId(), action, now(), DecisionSource.RESPONSE_LINK);
    }

    /** Runs every job that is due now, and the jobs those create, until none is due; fails on a failing job. */
    void executeDueJobs() {
        List<RuntimeException> failures = runDueJobs();
        assertThat(failures).as("failed jobs").isEmpty();
    }

    /** Runs every job that is due now once and keeps going with new ones; returns what failed. */
    List<RuntimeException> runDueJobs() {
        List<RuntimeException> failures = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().executable().list().stream()
                    .filter(job -> !tried.contains(job.getId() + "@" + job.getRetries()))
                    .toList();
            if (due.isEmpty()) {
                return failures;
            }
            for (Job job : due) {
                tried.add(job.getId() + "@" + job.getRetries());
                try {
                    engine.getManagementService().executeJob(job.getId());
                } catch (RuntimeException failure) {
                    failures.add(failure);
                }
            }
        }
        throw new AssertionError("jobs keep coming after 50 rounds");
    }

    List<Job> timers(UUID verificationId) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance(verificationId).getId())
                .timers().orderByJobDuedate().asc().list();
    }

    List<Task> operatorTasks(UUID verificationId) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(verificationId.toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_REVIEW).list();
    }

    long decisionSubscriptions(UUID verificationId) {
        return engine.getRuntimeService().createEventSubscriptionQuery()
                .processInstanceId(instance(verificationId).getId())
                .eventName(AlarmVerificationModel.Message.CONTACT_DECISION).count();
    }

    private AlarmValidation scoreWithDeployedTables(ValidationFacts facts) {
        return new CamundaAlarmValidationTables(engine.getDecisionService()).score(facts);
    }

    Object variable(UUID verificationId, String name) {
        return engine.getRuntimeService().getVariable(instance(verificationId).getId(), name);
    }

}
