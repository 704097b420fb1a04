package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.usecase.RecordDecision;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static com.centralstation.verification.workflow.WorkflowFixture.CHO;
import static com.centralstation.verification.workflow.WorkflowFixture.DEE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** The 2, 5 and 10-minute ladder: timers counted from the first notification, each step run by the policy. */
class EscalationLadderTest extends WorkflowTestBase {

    @Test
    void timersAreDueTwoFiveAndTenMinutesAfterTheFirstNotification() {
        UUID id = f.requestVerification("motion", ANN, BEN, CHO);
        // the first notification runs a little after the request arrived: the timers count from it
        f.advance(Duration.ofSeconds(7));
        f.executeDueJobs();
        Instant firstNotifiedAt = f.record(id).firstNotifiedAt().orElseThrow();
        assertThat(firstNotifiedAt).isEqualTo(WorkflowFixture.START.plusSeconds(7));

        assertThat(dueDatesByTimer(id)).containsExactly(
                "Event_FirstEscalation@" + firstNotifiedAt.plus(Duration.ofMinutes(2)),
                "Event_SecondEscalation@" + firstNotifiedAt.plus(Duration.ofMinutes(5)),
                "Event_ThirdEscalation@" + firstNotifiedAt.plus(Duration.ofMinutes(10)));
    }

    @Test
    void configuredTimersOverrideTheDefaults() {
        TestEngine.useBeans(f.beans(new EscalationProperties(Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(30))));
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        Instant firstNotifiedAt = f.record(id).firstNotifiedAt().orElseThrow();

        assertThat(dueDatesByTimer(id)).containsExactly(
                "Event_FirstEscalation@" + firstNotifiedAt.plusSeconds(10),
                "Event_SecondEscalation@" + firstNotifiedAt.plusSeconds(20),
                "Event_ThirdEscalation@" + firstNotifiedAt.plusSeconds(30));

        f.advance(Duration.ofSeconds(10));
        f.executeDueJobs();
        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId());
    }

    @Test
    void aPolicyDeployedWhileAVerificationWaitsAnswersItsNextStepAndTheStepsAuditRowNamesThatVersion() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        RepositoryService repository = TestEngine.engine().getRepositoryService();
        DecisionDefinition before = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(AlarmVerificationModel.Decision.ESCALATION_POLICY).latestVersion().singleResult();
        Deployment redeployed = repository.createDeployment().addClasspathResource("escalation-policy.dmn").deploy();
        try {
            DecisionDefinition after = repository.createDecisionDefinitionQuery().deploymentId(redeployed.getId()).singleResult();
            assertThat(after.getVersion()).isEqualTo(before.getVersion() + 1);

            f.advance(Duration.ofMinutes(2));
            f.executeDueJobs();

            assertThat(escalations(id)).singleElement().satisfies(row -> {
                assertThat(row.details()).containsEntry("step", "2min");
                assertThat(row.details()).containsEntry("policyVersion", String.valueOf(after.getVersion()));
                assertThat(row.details()).containsEntry("policyDefinitionId", after.getId());
            });
        } finally {
            repository.deleteDeployment(redeployed.getId(), true);
        }
    }

    @Test
    void nothingEscalatesBeforeTwoMinutes() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);

        f.advance(Duration.ofMinutes(2).minusSeconds(1));
        f.executeDueJobs();

        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId());
        assertThat(f.timers(id)).hasSize(3);
    }

    @Test
    void twoMinutesWithoutADecisionNotifiesTheSecondContact() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);

        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();

        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId());
        assertThat(escalations(id)).extracting(e -> e.details().get("step")).containsExactly("2min");
        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.AWAIT_CONTACT_DECISION);
        assertThat(f.timers(id)).extracting(Job::getDuedate).hasSize(2);
        assertThat(f.variable(id, ProcessVariables.CONTACTS_NOTIFIED)).isEqualTo(2);
        assertThat(f.variable(id, ProcessVariables.CONTACTS_LEFT)).isEqualTo(1);
        assertThat(f.operatorTasks(id)).isEmpty();
    }

    @Test
    void fiveMinutesNotifiesTheThirdContact() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);

        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();
        f.advance(Duration.ofMinutes(3));
        f.executeDueJobs();

        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId(), CHO.contactId());
        assertThat(escalations(id)).extracting(e -> e.details().get("step")).containsExactly("2min", "5min");
        // the shipped policy alerts an operator for a HIGH alarm still undecided at 5 minutes, without handing over
        assertThat(f.audit.types(id)).containsOnlyOnce(AuditEventType.OPERATOR_ALERTED)
                .doesNotContain(AuditEventType.HANDED_OVER_TO_OPERATOR);
        assertThat(f.operatorTasks(id)).isEmpty();
    }

    @Test
    void tenMinutesHandsOverToAnOperatorAndStillCallsTheNextContact() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO, DEE);

        f.advance(Duration.ofMinutes(10));
        f.executeDueJobs();

        assertThat(f.notifier.contactIdsNotified())
                .containsExactly(ANN.contactId(), BEN.contactId(), CHO.contactId(), DEE.contactId());
        assertThat(f.operatorTasks(id)).singleElement().satisfies(task ->
                assertThat(f.engine.getTaskService().getIdentityLinksForTask(task.getId()))
                        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("operators")));
        assertThat(f.audit.types(id)).containsOnlyOnce(AuditEventType.HANDED_OVER_TO_OPERATOR);
        assertThat(f.timers(id)).isEmpty();
        assertThat(f.decisionSubscriptions(id)).as("contacts can still answer").isEqualTo(1);
    }

    @Test
    void noContactLeftHandsOverToAnOperator() {
        UUID id = f.waitingVerification("motion", ANN);

        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();

        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId());
        assertThat(f.operatorTasks(id)).hasSize(1);
        assertThat(f.audit.types(id)).doesNotContain(AuditEventType.NO_CONTACT_LEFT);

        f.advance(Duration.ofMinutes(8));
        f.executeDueJobs();
        assertThat(f.operatorTasks(id)).as("at most one operator task").hasSize(1);
    }

    @Test
    void anEmptyCallListGoesToAnOperatorAtOnce() {
        UUID id = f.waitingVerification("motion");

        assertThat(f.notifier.contactIdsNotified()).isEmpty();
        assertThat(f.audit.types(id)).contains(AuditEventType.NO_CONTACT_LEFT, AuditEventType.HANDED_OVER_TO_OPERATOR);
        assertThat(f.operatorTasks(id)).hasSize(1);
    }

    @Test
    void anEarlierContactsAnswerStillWinsAfterALaterOneWasNotified() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        f.advance(Duration.ofMinutes(5));
        f.executeDueJobs();
        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId(), CHO.contactId());

        f.advance(Duration.ofSeconds(20));
        assertThat(f.recordDecision.record(id, f.decision(ANN, VerificationAction.DISREGARD)))
                .isEqualTo(RecordDecision.Outcome.ACCEPTED);
        f.executeDueJobs();

        assertThat(f.chekt.submitted()).singleElement()
                .satisfies(s -> assertThat(s.decision().contactId()).isEqualTo(ANN.contactId()));
        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.DECISION_SUBMITTED);
    }

    @Test
    void aContactNotYetNotifiedCannotDecide() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);

        assertThat(f.recordDecision.record(id, f.decision(CHO, VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.CONTACT_NOT_NOTIFIED);
        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.AWAIT_CONTACT_DECISION);
    }

    @Test
    void aFailingChannelIsRetriedWithoutHoldingUpTheLadder() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        f.notifier.failTransientlyFor(BEN.contactId());

        f.advance(Duration.ofMinutes(2));
        assertThat(f.runDueJobs()).singleElement().satisfies(failure ->
                assertThat(failure).hasMessageContaining("gateway unavailable for contact " + BEN.contactId()));
        assertThat(f.audit.types(id)).contains(AuditEventType.NOTIFICATION_FAILED);
        Job retry = failedNotification(id);
        assertThat(retry.getDuedate().toInstant()).as("due again a few seconds on").isAfter(f.now())
                .isBefore(f.now().plus(Duration.ofMinutes(1)));

        f.advanceTo(retry.getDuedate().toInstant());
        assertThat(f.runDueJobs()).as("the retry ran, and failed again").singleElement().satisfies(failure ->
                assertThat(failure).hasMessageContaining("gateway unavailable for contact " + BEN.contactId()));
        assertThat(failedNotification(id).getId()).isEqualTo(retry.getId());
        assertThat(failedNotification(id).getRetries()).isEqualTo(retry.getRetries() - 1);

        f.advance(Duration.ofMinutes(3));
        f.runDueJobs();
        // the 5-minute step ran although the 2-minute notification is still being retried
        assertThat(escalations(id)).extracting(e -> e.details().get("step")).containsExactly("2min", "5min");

        f.notifier.recoverFor(BEN.contactId());
        f.advance(Duration.ofMinutes(1));
        f.executeDueJobs();
        assertThat(f.notifier.contactIdsNotified()).as("reached by a retry").contains(BEN.contactId());
    }

    private Job failedNotification(UUID id) {
        return f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId())
                .withException().singleResult();
    }

    private List<String> dueDatesByTimer(UUID id) {
        return f.timers(id).stream()
                .map(job -> f.engine.getManagementService().createJobDefinitionQuery()
                        .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId()
                        + "@" + job.getDuedate().toInstant())
                .toList();
    }

    private List<AuditEvent> escalations(UUID id) {
        return f.audit.timeline(id).stream().filter(e -> e.type() == AuditEventType.ESCALATED).toList();
    }
}
