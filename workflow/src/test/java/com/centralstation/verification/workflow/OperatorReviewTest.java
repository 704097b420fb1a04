package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.usecase.RecordDecision;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static com.centralstation.verification.workflow.WorkflowFixture.CHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** The operator's Tasklist task: at most one per verification, and the first decision still wins. */
class OperatorReviewTest extends WorkflowTestBase {

    @Test
    void aLifeSafetyAlarmGoesToAnOperatorAtOnceWhileContactsAreStillCalled() {
        UUID id = f.waitingVerification("fire", ANN, BEN, CHO);

        assertThat(f.operatorTasks(id)).hasSize(1);
        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId());
        assertThat(f.variable(id, ProcessVariables.CALL_LIST_SUMMARY).toString())
                .contains("1. Ann Lee (contact id 67890)", "2. Ben Ortiz (contact id 67891)");

        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();
        f.advance(Duration.ofMinutes(3));
        f.executeDueJobs();
        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId(), CHO.contactId());

        f.advance(Duration.ofMinutes(5));
        f.executeDueJobs();
        // the 10-minute step advises a hand-over again: still one task, still one way for contacts to answer
        assertThat(f.operatorTasks(id)).hasSize(1);
        assertThat(f.decisionSubscriptions(id)).isEqualTo(1);
        assertThat(f.audit.types(id).stream().filter(t -> t == AuditEventType.HANDED_OVER_TO_OPERATOR)).hasSize(2);
    }

    @Test
    void theOperatorRecordsWhichContactDecidedWhat() {
        UUID id = f.waitingVerification("panic", ANN, BEN, CHO);
        Task task = f.operatorTasks(id).get(0);
        f.engine.getTaskService().claim(task.getId(), "jane");
        f.advance(Duration.ofSeconds(50));

        // an operator may record any contact on the list, also one the ladder has not reached yet
        f.engine.getTaskService().complete(task.getId(), form("dispatch", CHO.contactId(), "Cho saw smoke"));

        assertThat(f.instance(id)).hasPassed(AlarmVerificationModel.Event.OPERATOR_DECIDED).isWaitingAt(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        // the ladder's timers are gone; what is left is the dispatch's deadline
        assertThat(f.timers(id)).singleElement().satisfies(timer -> assertThat(timer.getDuedate().toInstant())
                .isEqualTo(f.now().plus(SubmissionProperties.defaults().dispatchDeadline())));
        f.executeDueJobs();

        assertThat(f.chekt.submitted()).singleElement().satisfies(submitted -> {
            assertThat(submitted.decision().contactId()).isEqualTo(CHO.contactId());
            assertThat(submitted.decision().action()).isEqualTo(VerificationAction.DISPATCH);
            assertThat(submitted.decision().source()).isEqualTo(DecisionSource.OPERATOR);
            assertThat(submitted.decision().respondedAt()).isEqualTo(f.now());
        });
        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.DECISION_SUBMITTED);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.SUBMITTED);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.DECISION_RECEIVED).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(Actor.operator("jane"));
                    assertThat(e.details()).containsEntry("contactId", String.valueOf(CHO.contactId()))
                            .containsEntry("action", "dispatch");
                });
    }

    @Test
    void theOperatorClosesAVerificationNobodyCouldVerify() {
        UUID id = f.waitingVerification("motion", ANN);
        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();
        Task task = f.operatorTasks(id).get(0);
        f.engine.getTaskService().claim(task.getId(), "jane");

        f.engine.getTaskService().complete(task.getId(), form("close-unverified", null, "nobody answered"));

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.OPERATOR_CLOSED_UNVERIFIED, AlarmVerificationModel.Event.CLOSED_UNVERIFIED)
                .hasNotPassed(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        assertThat(f.chekt.submitted()).isEmpty();
        assertThat(f.record(id).state()).isEqualTo(VerificationState.CLOSED_UNVERIFIED);
        assertThat(f.record(id).closeReason()).contains("nobody answered");
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.CLOSED_UNVERIFIED)
                .singleElement().extracting(AuditEvent::actor).isEqualTo(Actor.operator("jane"));
        assertThat(f.process.decide(id, f.decision(ANN, VerificationAction.DISPATCH)))
                .isEqualTo(com.centralstation.verification.core.port.out.VerificationProcess.Correlation.NOT_WAITING);
    }

    static Stream<Arguments> invalidForms() {
        return Stream.of(
                Arguments.of("a contact not on the call list", form("dispatch", 99999L, null), "Contact 99999 is not on this verification's call list"),
                Arguments.of("no contact id", form("disregard", null, null), "Enter the contact id"),
                Arguments.of("a contact id that is no number", form("disregard", "Ann", null), "Enter the contact id"),
                Arguments.of("no outcome", form(null, ANN.contactId(), null), "Choose an outcome"),
                Arguments.of("an unknown outcome", form("maybe", ANN.contactId(), null), "Choose an outcome"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidForms")
    void anInvalidSubmissionDoesNotCompleteTheTask(String why, Map<String, Object> form, String message) {
        UUID id = f.waitingVerification("duress", ANN, BEN);
        Task task = f.operatorTasks(id).get(0);

        assertThatThrownBy(() -> f.engine.getTaskService().complete(task.getId(), form)).hasMessageContaining(message);

        assertThat(f.operatorTasks(id)).singleElement().extracting(Task::getId).isEqualTo(task.getId());
        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.AWAIT_CONTACT_DECISION, AlarmVerificationModel.Activity.OPERATOR_REVIEW);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.OPEN);
        f.executeDueJobs();
        assertThat(f.chekt.submitted()).isEmpty();
    }

    @Test
    void aContactsAnswerWinsWhileTheOperatorTaskIsOpenAndTheTaskDisappears() {
        UUID id = f.waitingVerification("medical", ANN, BEN, CHO);
        Task task = f.operatorTasks(id).get(0);

        assertThat(f.recordDecision.record(id, f.decision(ANN, VerificationAction.DISREGARD)))
                .isEqualTo(RecordDecision.Outcome.ACCEPTED);

        assertThat(f.operatorTasks(id)).isEmpty();
        assertThatThrownBy(() -> f.engine.getTaskService().complete(task.getId(), form("dispatch", BEN.contactId(), null)))
                .hasMessageContaining("Cannot find task");
        f.executeDueJobs();
        assertThat(f.chekt.submitted()).singleElement().satisfies(s -> {
            assertThat(s.decision().contactId()).isEqualTo(ANN.contactId());
            assertThat(s.decision().source()).isEqualTo(DecisionSource.RESPONSE_LINK);
        });
        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.CONTACT_DECIDED).hasNotPassed(AlarmVerificationModel.Event.OPERATOR_DECIDED);
    }

    @Test
    void thereIsExactlyOneWayForADecisionToArriveAtAnyTime() {
        UUID id = f.requestVerification("hold-up", ANN, BEN);
        assertThat(f.decisionSubscriptions(id)).isZero();
        f.executeDueJobs();
        assertThat(f.decisionSubscriptions(id)).isEqualTo(1);
        assertThat(f.operatorTasks(id)).hasSize(1);

        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();
        assertThat(f.decisionSubscriptions(id)).isEqualTo(1);

        f.advance(Duration.ofMinutes(8));
        f.executeDueJobs();
        assertThat(f.decisionSubscriptions(id)).isEqualTo(1);
        assertThat(f.operatorTasks(id)).hasSize(1);

        f.process.decide(id, f.decision(BEN, VerificationAction.DISPATCH));
        assertThat(f.decisionSubscriptions(id)).isZero();
    }

    private static Map<String, Object> form(String outcome, Object contactId, String note) {
        Map<String, Object> form = new HashMap<>();
        form.put(ProcessVariables.OPERATOR_OUTCOME, outcome);
        form.put(ProcessVariables.OPERATOR_CONTACT_ID, contactId);
        form.put(ProcessVariables.OPERATOR_NOTE, note);
        return form;
    }
}
