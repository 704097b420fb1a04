package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.usecase.RecordDecision;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static com.centralstation.verification.workflow.WorkflowFixture.CHO;
import static com.centralstation.verification.workflow.WorkflowFixture.DEE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a notification ended steers the ladder at once: an unreachable contact is skipped without waiting for
 * the next timer, nobody reachable or a channel down hands over to an operator at once, and an alert the
 * policy raises without a hand-over is a task of its own in Tasklist.
 */
class NotificationOutcomesTest extends WorkflowTestBase {

    @Test
    void anUnreachableFirstContactIsSkippedAtOnce() {
        f.notifier.failPermanentlyFor(ANN.contactId());

        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);

        assertThat(f.notifier.contactIdsNotified()).containsExactly(BEN.contactId());
        assertThat(f.record(id).contactsNotified()).isEqualTo(2);
        assertThat(f.operatorTasks(id)).isEmpty();
        assertThat(f.timers(id)).as("the ladder runs from the first notification").hasSize(3);
    }

    @Test
    void unreachableContactsAreSkippedOneAfterAnotherAtATimerStep() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO, DEE);
        f.notifier.failPermanentlyFor(BEN.contactId());
        f.notifier.failPermanentlyFor(CHO.contactId());

        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();

        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), DEE.contactId());
        assertThat(steps(id)).containsExactly("2min", "undelivered", "undelivered");
        assertThat(f.operatorTasks(id)).isEmpty();
    }

    @Test
    void contactsWhoseCallsEndUnansweredAreSkippedAtOnceWhileTheLadderRunsAndNobodyLeftHandsOver() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);

        assertThat(f.process.contactUnreachable(id, ANN.contactId())).isTrue();
        f.executeDueJobs();

        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId());
        assertThat(steps(id)).containsExactly("undelivered");
        assertThat(f.timers(id)).as("the 2/5/10-minute ladder still runs from the first notification").hasSize(3);
        assertThat(f.process.contactUnreachable(id, ANN.contactId())).as("late word about a contact the ladder has left")
                .isFalse();

        assertThat(f.process.contactUnreachable(id, BEN.contactId())).isTrue();
        f.executeDueJobs();
        assertThat(f.process.contactUnreachable(id, CHO.contactId())).isTrue();
        f.executeDueJobs();

        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId(), CHO.contactId());
        assertThat(steps(id)).containsExactly("undelivered", "undelivered", "undelivered");
        assertThat(f.operatorTasks(id)).as("nobody left to call: an operator takes over").hasSize(1);
    }

    @Test
    void wordOfAnUnansweredCallAfterTheDecisionChangesNothing() {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.recordDecision.record(id, f.decision(ANN, VerificationAction.DISREGARD));

        assertThat(f.process.contactUnreachable(id, ANN.contactId())).isFalse();
        f.executeDueJobs();

        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId());
        assertThat(steps(id)).isEmpty();
    }

    @Test
    void nobodyReachableHandsOverAtOnce() {
        f.notifier.failPermanentlyFor(ANN.contactId());
        f.notifier.failPermanentlyFor(BEN.contactId());

        UUID id = f.waitingVerification("motion", ANN, BEN);

        assertThat(f.notifier.contactIdsNotified()).isEmpty();
        assertThat(f.operatorTasks(id)).hasSize(1);
        assertThat(f.audit.types(id)).contains(AuditEventType.OPERATOR_ALERTED, AuditEventType.HANDED_OVER_TO_OPERATOR);
    }

    @Test
    void aChannelDownAtTheFirstNotificationHandsOverAtOnceAndTheLadderGoesOn() {
        f.notifier.channelDownFor(ANN.contactId());

        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);

        assertThat(f.operatorTasks(id)).hasSize(1);
        assertThat(f.audit.types(id)).contains(AuditEventType.CHANNEL_DOWN, AuditEventType.OPERATOR_ALERTED);
        assertThat(f.timers(id)).as("never stranded: an operator task and live timers").hasSize(3);

        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();
        assertThat(f.notifier.contactIdsNotified()).containsExactly(BEN.contactId());
        assertThat(f.operatorTasks(id)).as("still one operator task").hasSize(1);
    }

    @Test
    void aChannelDownAtALaterContactHandsOverAtOnce() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        f.notifier.channelDownFor(BEN.contactId());

        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();

        assertThat(steps(id)).containsExactly("2min", "undelivered");
        assertThat(f.operatorTasks(id)).hasSize(1);
        assertThat(f.notifier.contactIdsNotified()).as("the next contact waits for the 5-minute step")
                .containsExactly(ANN.contactId());
    }

    @Test
    void anAlertWithoutAHandOverIsATaskOfItsOwnThatADecisionEnds() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);

        f.advance(Duration.ofMinutes(5));
        f.executeDueJobs();

        assertThat(f.operatorTasks(id)).isEmpty();
        List<Task> alerts = alertTasks(id);
        assertThat(alerts).singleElement().satisfies(task -> {
            assertThat(task.getDescription()).contains("look at this verification");
            assertThat(f.engine.getTaskService().getIdentityLinksForTask(task.getId()))
                    .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("operators"));
        });

        assertThat(f.recordDecision.record(id, f.decision(BEN, VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.ACCEPTED);
        assertThat(alertTasks(id)).isEmpty();
    }

    @Test
    void anAlertWithAHandOverIsTheOperatorTaskAlone() {
        UUID id = f.waitingVerification("fire", ANN, BEN);

        assertThat(f.operatorTasks(id)).hasSize(1);
        assertThat(alertTasks(id)).isEmpty();
        assertThat(f.audit.types(id)).contains(AuditEventType.OPERATOR_ALERTED);
    }

    private List<Task> alertTasks(UUID id) {
        return f.engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_ALERT).list();
    }

    private List<String> steps(UUID id) {
        return f.audit.timeline(id).stream().filter(e -> e.type() == AuditEventType.ESCALATED)
                .map(AuditEvent::details).map(details -> details.get("step")).toList();
    }
}
