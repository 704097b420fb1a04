package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.VerificationProcess.Correlation;
import com.centralstation.verification.core.testing.RecordingChektGateway.Submitted;
import com.centralstation.verification.core.usecase.RecordDecision;
import com.centralstation.verification.workflow.process.CamundaVerificationProcess;
import com.centralstation.verification.workflow.process.FirstNotificationCommits;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static com.centralstation.verification.workflow.WorkflowFixture.CHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** A contact decides before the first escalation; the decision reaches CHeKT. */
class DecisionPathsTest extends WorkflowTestBase {

    @Test
    void theStartRunsNothingInTheCallersTransaction() {
        UUID id = f.requestVerification("motion", ANN, BEN, CHO);

        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.NOTIFY_FIRST_CONTACT);
        assertThat(f.notifier.contactIdsNotified()).isEmpty();

        f.executeDueJobs();

        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.AWAIT_CONTACT_DECISION);
        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId());
        assertThat(f.audit.types(id)).contains(AuditEventType.CONTACT_NOTIFIED);
        assertThat(f.operatorTasks(id)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(VerificationAction.class)
    void aDecisionBeforeTwoMinutesIsSubmittedToChekt(VerificationAction action) {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        f.advance(Duration.ofSeconds(75));

        RecordDecision.Outcome outcome = f.recordDecision.record(id, f.decision(ANN, action));

        assertThat(outcome).isEqualTo(RecordDecision.Outcome.ACCEPTED);
        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        // the escalation timers end with the wait; a dispatch's deadline is watched from now on
        Supplier<JobQuery> timers = () -> f.engine.getManagementService().createJobQuery()
                .processInstanceId(f.instance(id).getId()).timers();
        assertThat(timers.get().count()).as("timers after the decision")
                .isEqualTo(timers.get().activityId(AlarmVerificationModel.Event.DISPATCH_DEADLINE).count())
                .isEqualTo(action == VerificationAction.DISPATCH ? 1 : 0);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DECIDED);

        f.executeDueJobs();

        assertThat(f.chekt.submitted()).singleElement().satisfies(submitted -> {
            assertThat(submitted.verification().verificationId()).isEqualTo(id);
            assertThat(submitted.decision().contactId()).isEqualTo(ANN.contactId());
            assertThat(submitted.decision().action()).isEqualTo(action);
        });
        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.CONTACT_DECIDED, AlarmVerificationModel.Activity.ACCEPT_DECISION, AlarmVerificationModel.Event.DECISION_SUBMITTED);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.SUBMITTED);
        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId());
        assertThat(f.audit.types(id)).contains(AuditEventType.DECISION_RECEIVED, AuditEventType.DECISION_SUBMITTED)
                .doesNotContain(AuditEventType.ESCALATED);
    }

    @Test
    void theResponseTimeBandIsMeasuredFromTheFirstNotification() {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.advance(Duration.ofMinutes(2).plusSeconds(1));
        f.executeDueJobs();

        assertThat(f.process.decide(id, f.decision(BEN, VerificationAction.DISREGARD))).isEqualTo(Correlation.ACCEPTED);

        assertThat(f.variable(id, ProcessVariables.RESPONSE_TIME)).isEqualTo("2-5m");
    }

    @Test
    void aSecondDecisionIsRefused() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        assertThat(f.recordDecision.record(id, f.decision(ANN, VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.ACCEPTED);

        assertThat(f.process.decide(id, f.decision(ANN, VerificationAction.DISREGARD))).isEqualTo(Correlation.NOT_WAITING);
        assertThat(f.recordDecision.record(id, f.decision(ANN, VerificationAction.DISREGARD)))
                .isEqualTo(RecordDecision.Outcome.ALREADY_DECIDED);
        f.executeDueJobs();
        assertThat(f.process.decide(id, f.decision(ANN, VerificationAction.DISREGARD))).isEqualTo(Correlation.NOT_WAITING);

        assertThat(f.chekt.submitted()).extracting(Submitted::decision)
                .singleElement().satisfies(decision -> assertThat(decision.action()).isEqualTo(VerificationAction.DISPATCH));
        assertThat(f.audit.types(id)).containsOnlyOnce(AuditEventType.DECISION_SUBMITTED);
    }

    @Test
    void aDecisionThatArrivesWhileTheFirstNotificationIsBeingSentWaitsForItAndIsTaken() throws Exception {
        UUID id = f.requestVerification("motion", ANN, BEN);
        CompletableFuture<Correlation> decided = CompletableFuture.supplyAsync(() ->
                f.process.decide(id, f.decision(ANN, VerificationAction.DISPATCH)));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !decided.isDone());

        f.executeDueJobs();

        assertThat(decided.get(10, TimeUnit.SECONDS)).isEqualTo(Correlation.ACCEPTED);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DECIDED);
    }

    @Test
    void aDecisionWaitingOnTheNodeThatSendsTheFirstNotificationIsTakenWhenItCommitsNotAtItsNextLook() throws Exception {
        UUID id = f.requestVerification("motion", ANN, BEN);
        // it would look at the job a minute from now only: what wakes it is the commit
        CamundaVerificationProcess signalled = new CamundaVerificationProcess(f.engine.getRuntimeService(),
                f.engine.getManagementService(), TestEngine.FIRST_NOTIFICATIONS, 1, Duration.ofMinutes(2), Duration.ofMinutes(1));
        CompletableFuture<Correlation> decided = CompletableFuture.supplyAsync(() ->
                signalled.decide(id, f.decision(ANN, VerificationAction.DISPATCH)));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestEngine.FIRST_NOTIFICATIONS.awaited(id));

        f.executeDueJobs();

        assertThat(decided.get(10, TimeUnit.SECONDS)).isEqualTo(Correlation.ACCEPTED);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DECIDED);
        assertThat(TestEngine.FIRST_NOTIFICATIONS.awaited(id)).isFalse();
    }

    @Test
    void aDecisionWaitingOnAnotherNodeThanTheOneThatSendsTheFirstNotificationSeesItAtItsNextLook() throws Exception {
        UUID id = f.requestVerification("motion", ANN, BEN);
        // a node of its own: the engine's commits tell the other one
        FirstNotificationCommits otherNode = new FirstNotificationCommits();
        CamundaVerificationProcess elsewhere = new CamundaVerificationProcess(f.engine.getRuntimeService(),
                f.engine.getManagementService(), otherNode, 1, Duration.ofMinutes(2), Duration.ofMillis(100));
        CompletableFuture<Correlation> decided = CompletableFuture.supplyAsync(() ->
                elsewhere.decide(id, f.decision(ANN, VerificationAction.DISPATCH)));
        await().atMost(Duration.ofSeconds(10)).until(() -> otherNode.awaited(id));

        f.executeDueJobs();

        assertThat(decided.get(10, TimeUnit.SECONDS)).isEqualTo(Correlation.ACCEPTED);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DECIDED);
    }

    @Test
    void aDecisionGivesUpWaitingForAFirstNotificationThatTakesLongerAndSaysNotYet() {
        UUID id = f.requestVerification("motion", ANN, BEN);
        CamundaVerificationProcess impatient = new CamundaVerificationProcess(f.engine.getRuntimeService(),
                f.engine.getManagementService(), TestEngine.FIRST_NOTIFICATIONS, 1, Duration.ofMillis(200), Duration.ofMillis(100));

        assertThat(impatient.decide(id, f.decision(ANN, VerificationAction.DISPATCH))).isEqualTo(Correlation.NOT_YET_WAITING);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.OPEN);

        f.executeDueJobs();
        assertThat(impatient.decide(id, f.decision(ANN, VerificationAction.DISPATCH))).isEqualTo(Correlation.ACCEPTED);
    }
}
