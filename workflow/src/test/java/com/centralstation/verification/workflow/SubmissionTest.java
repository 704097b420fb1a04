package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** What CHeKT answers to the submission, and how the engine's job retries handle it. */
class SubmissionTest extends WorkflowTestBase {

    static Stream<Arguments> finalRefusals() {
        return Stream.of(
                Arguments.of(400, (Supplier<ChektGatewayException>) () -> new ChektGatewayException.Rejected(
                        "CHeKT answered 400", 400, "invalid_action", "req_4", null)),
                Arguments.of(403, (Supplier<ChektGatewayException>) () -> new ChektGatewayException.NotAllowed(
                        "CHeKT answered 403", 403, "forbidden", "req_5", null, null)),
                Arguments.of(404, (Supplier<ChektGatewayException>) () -> RecordingChektGateway.closed(404)),
                Arguments.of(409, (Supplier<ChektGatewayException>) () -> RecordingChektGateway.closed(409)),
                Arguments.of(422, (Supplier<ChektGatewayException>) () -> new ChektGatewayException.Rejected(
                        "CHeKT answered 422", 422, "verification_not_pending", "req_2", null)));
    }

    @ParameterizedTest(name = "CHeKT answers {0}")
    @MethodSource("finalRefusals")
    void aDispatchChektRefusesBecomesAnOperatorTaskAtOnceWithChektsAnswer(int status, Supplier<ChektGatewayException> answer) {
        UUID id = decidedVerification(VerificationAction.DISPATCH);
        f.chekt.failNext(1, answer);

        f.executeDueJobs();

        Task task = f.engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.DISPATCH_NOT_TAKEN).singleResult();
        assertThat(task.getName()).endsWith(" · CHeKT did not take the dispatch: call the responding agency");
        assertThat(f.engine.getTaskService().getVariables(task.getId())).containsEntry("chektStatus", status)
                .containsEntry("chektMessage", "CHeKT answered " + status)
                .containsKey("chektRequestId").containsKey("chektErrorCode");
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DISPATCH_NOT_TAKEN);
        assertThat(f.engine.getRuntimeService().createIncidentQuery().count()).isZero();

        f.engine.getTaskService().complete(task.getId(), Map.of("agencyNote", "Police, ref 4711"));
        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.AGENCY_CALLED);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.AGENCY_CALLED).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("note", "Police, ref 4711"));
    }

    @Test
    void a409OnADisregardClosesQuietlyAndAudited() {
        UUID id = decidedVerification(VerificationAction.DISREGARD);
        f.chekt.failNext(1, () -> RecordingChektGateway.closed(409));

        f.executeDueJobs();

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.CLOSED_BY_CHEKT);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.CLOSED_BY_CHEKT);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.CLOSED_BY_CHEKT)
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("status", "409"));
    }

    @ParameterizedTest(name = "CHeKT answers {0}")
    @CsvSource({"400", "403", "404", "422"})
    void anyOtherRefusalOfADisregardIsAnIncidentAtOnceNotFiveRetriesOverMinutes(int status) {
        UUID id = decidedVerification(VerificationAction.DISREGARD);
        f.chekt.failNext(1, () -> finalRefusals().filter(a -> (int) a.get()[0] == status).findFirst()
                .map(a -> ((Supplier<ChektGatewayException>) a.get()[1]).get()).orElseThrow());

        assertThat(f.runDueJobs()).hasSize(1);

        Incident incident = f.engine.getRuntimeService().createIncidentQuery().processInstanceId(f.instance(id).getId())
                .singleResult();
        assertThat(incident.getActivityId()).isEqualTo(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        assertThat(incident.getIncidentMessage()).contains("CHeKT answered " + status);
        assertThat(submitJob(id).getRetries()).isZero();
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DECIDED);
    }

    @Test
    void aRateLimitWaitsOnTheTimerForTheTimeChektNamedWithoutSpendingARetry() {
        UUID id = decidedVerification(VerificationAction.DISREGARD);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofSeconds(20),
                null, "req_8", null));

        f.executeDueJobs();

        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Event.WAIT_FOR_CHEKT);
        Job wait = f.timers(id).get(0);
        assertThat(Duration.between(f.now(), wait.getDuedate().toInstant())).isEqualTo(Duration.ofSeconds(20));
        f.advance(Duration.ofSeconds(19));
        f.executeDueJobs();
        assertThat(f.chekt.submitted()).isEmpty();

        f.advance(Duration.ofSeconds(1));
        f.executeDueJobs();

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.DECISION_SUBMITTED);
        assertThat(f.chekt.submitted()).hasSize(1);
        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.SUBMISSION_DEFERRED, AuditEventType.DECISION_SUBMITTED)
                .doesNotContain(AuditEventType.SUBMISSION_FAILED);
    }

    @Test
    void aDisregardWithChektDownIsRetriedOnTheBackoffCycleThenRaisesAnIncident() {
        UUID id = decidedVerification(VerificationAction.DISREGARD);
        f.chekt.failNext(100, RecordingChektGateway::unavailable);
        Job submit = submitJob(id);
        // the first attempt and one retry per interval of the cycle
        assertThat(submit.getRetries()).isEqualTo(6);

        List<Integer> retriesLeft = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && f.engine.getRuntimeService().createIncidentQuery().count() == 0; attempt++) {
            assertThat(f.runDueJobs()).as("attempt " + attempt).hasSize(1);
            Job failed = submitJob(id);
            retriesLeft.add(failed.getRetries());
            if (failed.getRetries() > 0) {
                Duration wait = Duration.between(f.now(), failed.getDuedate().toInstant());
                waits.add(wait);
                // not a moment before the backoff: the job is not due yet
                f.advance(wait.minusSeconds(1));
                assertThat(f.runDueJobs()).isEmpty();
                f.advance(Duration.ofSeconds(1));
            }
        }

        assertThat(retriesLeft).containsExactly(5, 4, 3, 2, 1, 0);
        assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofMinutes(5));
        Incident incident = f.engine.getRuntimeService().createIncidentQuery().processInstanceId(f.instance(id).getId())
                .singleResult();
        assertThat(incident.getActivityId()).isEqualTo(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        assertThat(incident.getIncidentMessage()).contains("CHeKT answered 503");
        assertThat(f.audit.types(id).stream().filter(t -> t == AuditEventType.SUBMISSION_FAILED)).hasSize(6);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DECIDED);

        // the incident made the job due at once (RetryDueNow), though the cycle had put it 5 minutes ahead
        assertThat(submitJob(id).getDuedate()).isEqualTo(Date.from(f.now()));
        f.advance(Duration.ofMinutes(1));

        // a supervisor retries from Cockpit leaving its dialog on "Keep due date", once CHeKT is back: it runs now
        f.chekt.reset();
        f.engine.getManagementService().setJobRetries(submitJob(id).getId(), 1);
        f.executeDueJobs();

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.DECISION_SUBMITTED);
        assertThat(f.chekt.submitted()).hasSize(1);
        assertThat(f.engine.getRuntimeService().createIncidentQuery().count()).isZero();
    }

    @Test
    void aConfiguredRetryCycleReachesTheSubmissionJob() {
        TestEngine.useBeans(f.beans(EscalationProperties.defaults(), new SubmissionProperties(
                SubmissionProperties.defaults().dispatchDeadline(), List.of(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)))));
        UUID id = decidedVerification(VerificationAction.DISREGARD);
        f.chekt.failNext(100, RecordingChektGateway::unavailable);
        assertThat(submitJob(id).getRetries()).as("the first attempt and one retry per wait").isEqualTo(4);

        List<Duration> waits = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && f.engine.getRuntimeService().createIncidentQuery().count() == 0; attempt++) {
            assertThat(f.runDueJobs()).as("attempt " + attempt).hasSize(1);
            Job failed = submitJob(id);
            if (failed.getRetries() > 0) {
                Duration wait = Duration.between(f.now(), failed.getDuedate().toInstant());
                waits.add(wait);
                f.advance(wait);
            }
        }

        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(f.audit.types(id).stream().filter(t -> t == AuditEventType.SUBMISSION_FAILED)).hasSize(4);
        assertThat(f.engine.getRuntimeService().createIncidentQuery().processInstanceId(f.instance(id).getId())
                .singleResult().getActivityId()).isEqualTo(AlarmVerificationModel.Activity.SUBMIT_DECISION);
    }

    private UUID decidedVerification(VerificationAction action) {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.process.decide(id, f.decision(ANN, action));
        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        return id;
    }

    private Job submitJob(UUID id) {
        return f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId())
                .activityId(AlarmVerificationModel.Activity.SUBMIT_DECISION).singleResult();
    }
}
