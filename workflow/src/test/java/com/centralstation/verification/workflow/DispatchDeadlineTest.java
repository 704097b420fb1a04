package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.usecase.SubmitDecision;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * A DISPATCH CHeKT has not taken by the dispatch deadline (two minutes after the decision) also goes to an operator,
 * "Call the agency: CHeKT has not taken the dispatch", while the submission keeps trying; an acceptance after that
 * closes the task, a refusal for good leaves it. Time moves on the engine's clock, jobs run one by one.
 */
class DispatchDeadlineTest extends WorkflowTestBase {

    private static final Duration DEADLINE = SubmissionProperties.defaults().dispatchDeadline();

    @Test
    void atTheDeadlineTheAgencyCallTaskOpensWhileTheSubmissionKeepsWaitingAsChektAsks() {
        UUID id = dispatchPastItsDeadline();

        Task task = pendingTask(id);
        assertThat(task.getName()).endsWith(" · Call the agency: CHeKT has not taken the dispatch");
        assertThat(f.engine.getTaskService().getVariables(task.getId())).containsEntry("chektStatus", 429)
                .containsEntry("chektErrorCode", "rate_limited").containsEntry("chektRequestId", "req_429");
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DECIDED);
        assertThat(f.taskLog.open(id)).singleElement().extracting(OperatorTask::kind).isEqualTo(OperatorTask.Kind.AGENCY_CALL);
        // the submission still waits as CHeKT asked, and tries again when that wait is over
        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Event.WAIT_FOR_CHEKT,
                AlarmVerificationModel.Activity.DISPATCH_PENDING);
        int deferredBefore = deferrals(id);
        f.advanceTo(waitTimer(id).getDuedate().toInstant());
        f.executeDueJobs();
        assertThat(deferrals(id)).isEqualTo(deferredBefore + 1);
        assertThat(f.chekt.submitted()).isEmpty();
        assertThat(tasks(id)).hasSize(1);
    }

    @Test
    void aLaterAcceptanceClosesTheTaskSubmitsOnceAndAuditsThatChektTookTheDispatchLate() {
        UUID id = dispatchPastItsDeadline();
        String taskId = pendingTask(id).getId();
        f.chekt.reset();
        f.advanceTo(waitTimer(id).getDuedate().toInstant());
        f.executeDueJobs();

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.DECISION_SUBMITTED);
        assertThat(f.chekt.submitted()).hasSize(1);
        assertThat(tasks(id)).isEmpty();
        HistoricTaskInstance closed = f.engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId)
                .singleResult();
        assertThat(closed.getEndTime()).isNotNull();
        assertThat(closed.getDeleteReason()).isNotEqualTo("completed");
        assertThat(f.record(id).state()).isEqualTo(VerificationState.SUBMITTED);
        assertThat(f.taskLog.open(id)).isEmpty();
        List<AuditEvent> timeline = f.audit.timeline(id);
        assertThat(timeline).extracting(AuditEvent::type).containsSubsequence(AuditEventType.OPERATOR_TASK_OPENED,
                AuditEventType.DECISION_SUBMITTED, AuditEventType.DISPATCH_TAKEN_LATE, AuditEventType.OPERATOR_TASK_CLOSED);
        assertThat(timeline).filteredOn(e -> e.type() == AuditEventType.DISPATCH_TAKEN_LATE).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("note", SubmitDecision.TAKEN_LATE_NOTE));
        assertThat(timeline).filteredOn(e -> e.type() == AuditEventType.OPERATOR_TASK_CLOSED).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("taskId", taskId).containsEntry("how", "deleted"));
        assertThat(timeline).extracting(AuditEvent::type).doesNotContain(AuditEventType.DISPATCH_NOT_TAKEN,
                AuditEventType.AGENCY_CALLED);
    }

    @Test
    void aRefusalForGoodAfterTheDeadlineKeepsTheTaskAndOpensNoSecondOne() {
        UUID id = dispatchPastItsDeadline();
        String taskId = pendingTask(id).getId();
        f.chekt.reset();
        f.chekt.failNext(1, () -> new ChektGatewayException.Rejected("CHeKT answered 422", 422,
                "verification_not_pending", "req_422", null));
        f.advanceTo(waitTimer(id).getDuedate().toInstant());
        f.executeDueJobs();

        assertThat(f.record(id).state()).isEqualTo(VerificationState.DISPATCH_NOT_TAKEN);
        assertThat(f.instance(id)).hasPassed(AlarmVerificationModel.Event.REFUSED_AGENCY_ASKED)
                .isWaitingAt(AlarmVerificationModel.Activity.DISPATCH_PENDING);
        assertThat(tasks(id)).singleElement().satisfies(task -> assertThat(task.getId()).isEqualTo(taskId));
        // its form now shows CHeKT's final answer
        assertThat(f.engine.getTaskService().getVariables(taskId)).containsEntry("chektStatus", 422)
                .containsEntry("chektRequestId", "req_422");
        assertThat(f.engine.getRuntimeService().createIncidentQuery().count()).isZero();

        f.engine.getTaskService().complete(taskId, Map.of("agencyNote", "Police, ref 4711"));

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.PENDING_AGENCY_CALLED);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.AGENCY_CALLED).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("note", "Police, ref 4711"));
        assertThat(f.audit.types(id)).doesNotContain(AuditEventType.DISPATCH_TAKEN_LATE);
    }

    @Test
    void aDispatchStillUnreachableGetsTheTaskAtTheDeadlineAndIsRetriedToItsLastRetryWithoutASecondTask() {
        UUID id = decidedVerification(VerificationAction.DISPATCH);
        f.chekt.failNext(100, RecordingChektGateway::unavailable);

        for (int step = 0; step < 10; step++) {
            assertThat(f.runDueJobs()).hasSizeLessThanOrEqualTo(1);
            if (f.record(id).state() != VerificationState.DECIDED) {
                break;
            }
            Job next = f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId())
                    .orderByJobDuedate().asc().list().get(0);
            f.advanceTo(next.getDuedate().toInstant());
        }

        assertThat(f.record(id).state()).isEqualTo(VerificationState.DISPATCH_NOT_TAKEN);
        // the task came at the deadline, not after the last retry (at 520 s); the refusal adds none
        assertThat(tasks(id)).singleElement().satisfies(task -> {
            assertThat(task.getTaskDefinitionKey()).isEqualTo(AlarmVerificationModel.Activity.DISPATCH_PENDING);
            assertThat(task.getCreateTime().toInstant()).isEqualTo(decidedAt.plus(DEADLINE));
        });
        assertThat(f.engine.getRuntimeService().createIncidentQuery().count()).isZero();
        // attempts at 0, 10, 40, 100, 220 and 520 s: every retry of the cycle was spent
        assertThat(f.audit.types(id).stream().filter(t -> t == AuditEventType.SUBMISSION_FAILED)).hasSize(5);
        assertThat(f.audit.types(id)).contains(AuditEventType.DISPATCH_NOT_TAKEN);
    }

    @Test
    void aDispatchTakenBeforeTheDeadlineEndsTheWatchWithNoTaskAndNoTimerLeft() {
        UUID id = decidedVerification(VerificationAction.DISPATCH);
        assertThat(f.timers(id)).extracting(Job::getDuedate).singleElement()
                .satisfies(due -> assertThat(due.toInstant()).isEqualTo(decidedAt.plus(DEADLINE)));

        f.executeDueJobs();

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.DECISION_SUBMITTED)
                .hasNotPassed(AlarmVerificationModel.Activity.DISPATCH_PENDING);
        assertThat(f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId()).count()).isZero();
        assertThat(f.audit.types(id)).doesNotContain(AuditEventType.DISPATCH_TAKEN_LATE);
    }

    @Test
    void aRefusalBeforeTheDeadlineIsTheOneTaskTheDeadlineAddsNone() {
        UUID id = decidedVerification(VerificationAction.DISPATCH);
        f.chekt.failNext(1, () -> new ChektGatewayException.Rejected("CHeKT answered 400", 400, "invalid_action", "req_4", null));
        f.executeDueJobs();
        assertThat(tasks(id)).extracting(Task::getTaskDefinitionKey).containsExactly(AlarmVerificationModel.Activity.DISPATCH_NOT_TAKEN);

        f.advance(DEADLINE);
        f.executeDueJobs();

        assertThat(tasks(id)).extracting(Task::getTaskDefinitionKey).containsExactly(AlarmVerificationModel.Activity.DISPATCH_NOT_TAKEN);
        assertThat(f.instance(id)).hasPassed(AlarmVerificationModel.Event.AGENCY_ALREADY_ASKED);
    }

    @Test
    void aDisregardHasNoDeadlineItWaitsAsChektAsksWithoutAnAgencyCall() {
        UUID id = decidedVerification(VerificationAction.DISREGARD);
        chektKeepsAnswering429();

        f.executeDueJobs();
        for (int wait = 0; wait < 10; wait++) {
            f.advanceTo(waitTimer(id).getDuedate().toInstant());
            f.executeDueJobs();
        }

        assertThat(Duration.between(decidedAt, f.now())).isGreaterThan(DEADLINE);
        assertThat(f.instance(id)).hasPassed(AlarmVerificationModel.Event.NO_DEADLINE)
                .isWaitingAt(AlarmVerificationModel.Event.WAIT_FOR_CHEKT);
        assertThat(f.timers(id)).extracting(Job::getDuedate).hasSize(1);
        assertThat(tasks(id)).isEmpty();
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DECIDED);

        f.chekt.reset();
        f.advanceTo(waitTimer(id).getDuedate().toInstant());
        f.executeDueJobs();
        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.DECISION_SUBMITTED);
        assertThat(f.audit.types(id)).doesNotContain(AuditEventType.DISPATCH_TAKEN_LATE);
    }

    private Instant decidedAt;

    private UUID decidedVerification(VerificationAction action) {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        decidedAt = f.now();
        f.process.decide(id, f.decision(ANN, action));
        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        return id;
    }

    /** A dispatch CHeKT keeps answering 429 until its deadline has passed and the agency call is asked. */
    private UUID dispatchPastItsDeadline() {
        UUID id = decidedVerification(VerificationAction.DISPATCH);
        chektKeepsAnswering429();
        waitOutTheDeadline(id);
        return id;
    }

    private void chektKeepsAnswering429() {
        f.chekt.failNext(1000, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofSeconds(30),
                "rate_limited", "req_429", null));
    }

    /** Runs the submission's waits until the deadline has passed and its timer has fired. */
    private void waitOutTheDeadline(UUID id) {
        f.executeDueJobs();
        while (pendingTaskOrNull(id) == null) {
            assertThat(Duration.between(decidedAt, f.now())).isLessThanOrEqualTo(DEADLINE);
            Job next = f.timers(id).get(0);
            f.advanceTo(next.getDuedate().toInstant());
            f.executeDueJobs();
        }
        assertThat(Duration.between(decidedAt, f.now())).isEqualTo(DEADLINE);
    }

    private Task pendingTask(UUID id) {
        Task task = pendingTaskOrNull(id);
        assertThat(task).as("agency call task of " + id).isNotNull();
        return task;
    }

    private Task pendingTaskOrNull(UUID id) {
        return f.engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.DISPATCH_PENDING).singleResult();
    }

    private List<Task> tasks(UUID id) {
        return f.engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.toString()).list();
    }

    private Job waitTimer(UUID id) {
        return f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId())
                .activityId(AlarmVerificationModel.Event.WAIT_FOR_CHEKT).singleResult();
    }

    private int deferrals(UUID id) {
        return (int) f.audit.types(id).stream().filter(t -> t == AuditEventType.SUBMISSION_DEFERRED).count();
    }
}
