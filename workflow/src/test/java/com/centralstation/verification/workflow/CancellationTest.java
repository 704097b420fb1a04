package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.VerificationProcess.Correlation;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.usecase.CancelVerification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static com.centralstation.verification.workflow.WorkflowFixture.CHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** CHeKT's cancellation ends an open verification from every wait state, pending jobs included. */
class CancellationTest extends WorkflowTestBase {

    @Test
    void whileTheFirstNotificationWaitsForItsJob() {
        UUID id = f.requestVerification("motion", ANN, BEN);
        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.NOTIFY_FIRST_CONTACT);

        cancelAndExpectCancelled(id);
        assertThat(f.notifier.contactIdsNotified()).isEmpty();
    }

    @Test
    void whileWaitingForADecisionWithTheTimersSet() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        f.advance(Duration.ofMinutes(3));
        f.executeDueJobs();

        cancelAndExpectCancelled(id);
        f.advance(Duration.ofMinutes(10));
        f.executeDueJobs();
        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId());
    }

    @Test
    void whileANotificationOfTheLadderIsBeingRetried() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        f.notifier.failTransientlyFor(BEN.contactId());
        f.advance(Duration.ofMinutes(2));
        assertThat(f.runDueJobs()).hasSize(1);

        cancelAndExpectCancelled(id);
    }

    @Test
    void whileAnOperatorWorksOnIt() {
        UUID id = f.waitingVerification("fire", ANN, BEN);
        assertThat(f.operatorTasks(id)).hasSize(1);

        cancelAndExpectCancelled(id);
        assertThat(f.operatorTasks(id)).isEmpty();
    }

    @Test
    void whileTheSubmissionToChektIsRetried() {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.chekt.failNext(10, RecordingChektGateway::unavailable);
        f.process.decide(id, f.decision(ANN, VerificationAction.DISPATCH));
        assertThat(f.runDueJobs()).hasSize(1);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.DECIDED);

        cancelAndExpectCancelled(id);
        assertThat(f.chekt.submitted()).isEmpty();
    }

    @Test
    void nothingToCancelOnceTheVerificationEnded() {
        UUID id = f.waitingVerification("motion", ANN);
        assertThat(f.process.decide(id, f.decision(ANN, VerificationAction.DISREGARD))).isEqualTo(Correlation.ACCEPTED);
        f.executeDueJobs();

        assertThat(f.process.cancel(id, "alarm.resolved")).isFalse();
        assertThat(f.cancel.cancel(id, "alarm.resolved")).isEqualTo(CancelVerification.Outcome.ALREADY_ENDED);
        assertThat(f.process.cancel(UUID.randomUUID(), "verification.cancelled")).isFalse();
    }

    @Test
    void theProcessPortSaysWhetherSomethingWasCancelled() {
        UUID id = f.waitingVerification("motion", ANN, BEN);

        assertThat(f.process.cancel(id, "alarm.resolved")).isTrue();

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.VERIFICATION_CANCELLED);
        assertThat(f.process.cancel(id, "alarm.resolved")).isFalse();
    }

    /** As the webhook does it: core closes and audits the verification, then ends its process. */
    private void cancelAndExpectCancelled(UUID id) {
        assertThat(f.cancel.cancel(id, "verification.cancelled")).isEqualTo(CancelVerification.Outcome.CANCELLED);

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.CANCEL_RECEIVED, AlarmVerificationModel.Event.VERIFICATION_CANCELLED);
        assertThat(f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId()).count()).isZero();
        assertThat(f.engine.getRuntimeService().createIncidentQuery().processInstanceId(f.instance(id).getId()).count()).isZero();
        assertThat(f.record(id).state()).isEqualTo(VerificationState.CANCELLED);
        assertThat(f.audit.types(id)).containsOnlyOnce(AuditEventType.CANCELLED);
        assertThat(f.process.decide(id, f.decision(ANN, VerificationAction.DISPATCH))).isEqualTo(Correlation.NOT_WAITING);
    }
}
