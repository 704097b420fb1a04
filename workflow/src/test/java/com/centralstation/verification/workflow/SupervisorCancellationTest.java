package com.centralstation.verification.workflow;

import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.usecase.CancelVerification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor ends an instance from outside the model, as Cockpit does through the RuntimeService: the
 * verification is closed as cancelled_by_supervisor, and only then.
 */
class SupervisorCancellationTest extends WorkflowTestBase {

    @Test
    void deletingAWaitingInstanceCancelsTheVerificationAndAuditsTheReason() {
        UUID id = f.waitingVerification("motion", ANN, BEN);

        f.engine.getRuntimeService().deleteProcessInstance(f.instance(id).getId(), "duplicate of another alarm");

        assertThat(f.record(id).state()).isEqualTo(VerificationState.CANCELLED_BY_SUPERVISOR);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.CANCELLED_BY_SUPERVISOR).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("reason", "duplicate of another alarm")
                        .containsEntry("stateBefore", "OPEN"));
    }

    @Test
    void cancellingWithCockpitsSkipCustomListenersStillCancelsTheVerification() {
        UUID id = f.waitingVerification("fire", ANN, BEN);

        f.engine.getRuntimeService().deleteProcessInstancesAsync(List.of(f.instance(id).getId()), null,
                "cancelled in Cockpit", true, true);
        f.executeDueJobs();

        assertThat(f.record(id).state()).isEqualTo(VerificationState.CANCELLED_BY_SUPERVISOR);
        assertThat(f.operatorTasks(id)).isEmpty();
    }

    @Test
    void deletingAnInstanceWhoseSubmissionIsAnIncidentCancelsTheDecidedVerification() {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.process.decide(id, f.decision(ANN, VerificationAction.DISREGARD));
        f.chekt.failNext(1, () -> new com.centralstation.verification.core.port.out.ChektGatewayException.Rejected(
                "CHeKT answered 400", 400, null, null, null));
        assertThat(f.runDueJobs()).hasSize(1);

        f.engine.getRuntimeService().deleteProcessInstance(f.instance(id).getId(), null, true);

        assertThat(f.record(id).state()).isEqualTo(VerificationState.CANCELLED_BY_SUPERVISOR);
        assertThat(f.audit.types(id)).containsOnlyOnce(AuditEventType.CANCELLED_BY_SUPERVISOR);
    }

    @Test
    void aNormalEndAndChektsOwnCancellationAreNotASupervisorsCancellation() {
        UUID submitted = f.waitingVerification("motion", ANN);
        f.process.decide(submitted, f.decision(ANN, VerificationAction.DISPATCH));
        f.executeDueJobs();
        UUID closed = f.waitingVerification("motion", ANN);
        f.process.decide(closed, f.decision(ANN, VerificationAction.DISREGARD));
        f.chekt.failNext(1, () -> RecordingChektGateway.closed(409));
        f.executeDueJobs();
        UUID cancelled = f.waitingVerification("motion", ANN);
        assertThat(f.cancel.cancel(cancelled, "alarm.resolved")).isEqualTo(CancelVerification.Outcome.CANCELLED);

        assertThat(f.record(submitted).state()).isEqualTo(VerificationState.SUBMITTED);
        assertThat(f.record(closed).state()).isEqualTo(VerificationState.CLOSED_BY_CHEKT);
        assertThat(f.record(cancelled).state()).isEqualTo(VerificationState.CANCELLED);
        for (UUID id : List.of(submitted, closed, cancelled)) {
            assertThat(f.instance(id)).isNotNull();
            assertThat(f.engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(id.toString())
                    .count()).isZero();
            assertThat(f.audit.types(id)).doesNotContain(AuditEventType.CANCELLED_BY_SUPERVISOR);
        }
    }
}
