package com.centralstation.verification.workflow;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.domain.TaskClaim;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.OperatorConsole;
import com.centralstation.verification.workflow.process.CamundaOperatorConsole;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every user task of the model reaches the service's task log as the engine opens, hands out and ends it, without a
 * listener in the model; claims go through the engine as the user who claims.
 */
class OperatorTaskTrackingTest extends WorkflowTestBase {

    private CamundaOperatorConsole console() {
        return new CamundaOperatorConsole(f.engine.getIdentityService(), f.engine.getTaskService(), f.engine.getRuntimeService());
    }

    @Test
    void aFireAlarmsReviewIsRecordedWhenItOpensWithItsKindAndInstance() {
        UUID id = f.requestVerification("fire", ANN, BEN);
        Task review = f.operatorTasks(id).get(0);

        assertThat(f.taskLog.open(id)).singleElement().satisfies(task -> {
            assertThat(task.taskId()).isEqualTo(review.getId());
            assertThat(task.kind()).isEqualTo(OperatorTask.Kind.REVIEW);
            assertThat(task.name()).isEqualTo("Operator review");
            assertThat(task.processInstanceId()).isEqualTo(f.instance(id).getId());
            assertThat(task.assignee()).isNull();
        });
        assertThat(f.audit.types(id)).containsOnlyOnce(AuditEventType.OPERATOR_TASK_OPENED);
        assertThat(console().processInstanceOf(id)).contains(f.instance(id).getId());
    }

    @Test
    void aClaimThroughTheConsoleIsRecordedOnceWithWhoClaimedAndASecondClaimantIsToldWhoHoldsIt() {
        UUID id = f.requestVerification("fire", ANN);
        String taskId = f.operatorTasks(id).get(0).getId();

        TaskClaim claimed = console().claim(taskId, "oscar", List.of("operators"));
        TaskClaim second = console().claim(taskId, "olga", List.of("operators"));
        TaskClaim again = console().claim(taskId, "oscar", List.of("operators"));

        assertThat(claimed).isEqualTo(new TaskClaim(TaskClaim.Result.CLAIMED, Optional.of("oscar")));
        assertThat(second).isEqualTo(new TaskClaim(TaskClaim.Result.HELD_BY_ANOTHER, Optional.of("oscar")));
        assertThat(again.result()).isEqualTo(TaskClaim.Result.CLAIMED);
        assertThat(f.taskLog.open(id)).extracting(OperatorTask::assignee).containsExactly("oscar");
        List<AuditEvent> assigned = f.audit.timeline(id).stream()
                .filter(event -> event.type() == AuditEventType.OPERATOR_TASK_ASSIGNED).toList();
        assertThat(assigned).singleElement().satisfies(event -> {
            assertThat(event.actor().id()).isEqualTo("operator:oscar");
            assertThat(event.details()).containsEntry("assignee", "oscar").containsEntry("taskId", taskId);
        });
        assertThat(f.engine.getIdentityService().getCurrentAuthentication()).as("cleared after the claim").isNull();
        assertThat(console().claim("no-such-task", "oscar", List.of()).result()).isEqualTo(TaskClaim.Result.NOT_OPEN);
    }

    @Test
    void aTaskGivenBackHasNoHolderAndACompletedOneIsClosed() {
        UUID id = f.requestVerification("fire", ANN, BEN);
        String taskId = f.operatorTasks(id).get(0).getId();
        console().claim(taskId, "oscar", List.of("operators"));
        f.engine.getTaskService().setAssignee(taskId, null);
        assertThat(f.taskLog.open(id)).extracting(OperatorTask::assignee).containsOnlyNulls();

        Map<String, Object> form = new HashMap<>();
        form.put(ProcessVariables.OPERATOR_OUTCOME, "dispatch");
        form.put(ProcessVariables.OPERATOR_CONTACT_ID, ANN.contactId());
        f.engine.getTaskService().complete(taskId, form);

        assertThat(f.taskLog.open(id)).isEmpty();
        assertThat(f.taskLog.closed(id)).extracting(OperatorTask::taskId).containsExactly(taskId);
        assertThat(f.audit.timeline(id)).filteredOn(event -> event.type() == AuditEventType.OPERATOR_TASK_CLOSED)
                .singleElement().satisfies(event -> assertThat(event.details()).containsEntry("how", "completed"));
    }

    @Test
    void aContactsDecisionDeletesTheOpenReviewAndACockpitCancellationSkippingCustomListenersDeletesItToo() {
        UUID decided = f.waitingVerification("fire", ANN, BEN);
        f.process.decide(decided, f.decision(ANN, VerificationAction.DISREGARD));
        UUID cancelled = f.waitingVerification("fire", ANN, BEN);
        f.engine.getRuntimeService().deleteProcessInstance(f.instance(cancelled).getId(), "duplicate", true);

        for (UUID id : List.of(decided, cancelled)) {
            assertThat(f.taskLog.open(id)).as("open tasks of %s", id).isEmpty();
            assertThat(f.audit.timeline(id)).filteredOn(event -> event.type() == AuditEventType.OPERATOR_TASK_CLOSED)
                    .singleElement().satisfies(event -> assertThat(event.details()).containsEntry("how", "deleted"));
        }
    }

    @Test
    void theAgencyCallOfADispatchNotTakenIsAnAgencyCallTask() {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.process.decide(id, f.decision(ANN, VerificationAction.DISPATCH));
        f.chekt.failNext(1, () -> new com.centralstation.verification.core.port.out.ChektGatewayException.Rejected(
                "CHeKT answered 422", 422, null, null, null));
        f.runDueJobs();

        assertThat(f.taskLog.open(id)).extracting(OperatorTask::kind).containsExactly(OperatorTask.Kind.AGENCY_CALL);
    }
}
