package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallOutcome;
import com.centralstation.verification.core.domain.CallReport;
import com.centralstation.verification.core.domain.CallScript;
import com.centralstation.verification.core.domain.CallStatus;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.testing.RecordingMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

class RecordCallProgressTest {

    private static final String SID = "CA0123456789abcdef0123456789abcdef";

    private final UseCaseFixture f = new UseCaseFixture();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RecordCallProgress progress = new RecordCallProgress(f.phoneCalls, f.verifications, f.process, f.audit, metrics);
    private final UUID id = CONTRACT_VERIFICATION_ID;
    private String annsCall;

    @BeforeEach
    void annIsCalled() {
        annsCall = f.annIsCalled(SID);
    }

    private RecordCallProgress.Progress report(String callId, CallStatus status, int sequence, String answeredBy) {
        return progress.record(callId, new CallReport(SID, status, OptionalInt.of(sequence), Optional.ofNullable(answeredBy),
                status.isFinal() ? OptionalInt.of(12) : OptionalInt.empty(), f.clock.instant()));
    }

    private List<AuditEvent> events(AuditEventType type) {
        return f.audit.timeline(id).stream().filter(e -> e.type() == type).toList();
    }

    @Test
    void theCallsProgressIsAuditedOnceAndLateRepeatedOrOutOfOrderReportsChangeNothing() {
        assertThat(report(annsCall, CallStatus.INITIATED, 0, null)).isEqualTo(RecordCallProgress.Progress.RECORDED);
        assertThat(report(annsCall, CallStatus.IN_PROGRESS, 2, "human")).isEqualTo(RecordCallProgress.Progress.RECORDED);

        assertThat(report(annsCall, CallStatus.RINGING, 1, null)).as("out of order").isEqualTo(RecordCallProgress.Progress.UNCHANGED);
        assertThat(report(annsCall, CallStatus.IN_PROGRESS, 2, "human")).as("repeated").isEqualTo(RecordCallProgress.Progress.UNCHANGED);
        assertThat(events(AuditEventType.CALL_PROGRESS)).extracting(e -> e.details().get("status") + "#" + e.details().get("sequence"))
                .containsExactly("initiated#0", "in-progress#2");
        assertThat(events(AuditEventType.CALL_PROGRESS).get(1).details()).containsEntry("answeredBy", "human")
                .containsEntry("callSid", SID);
        assertThat(f.phoneCalls.find(annsCall).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);
    }

    @Test
    void aBusyContactIsUnreachableAndTheWorkflowIsToldAtOnce() {
        report(annsCall, CallStatus.RINGING, 1, null);

        assertThat(report(annsCall, CallStatus.BUSY, 2, null)).isEqualTo(RecordCallProgress.Progress.ENDED);

        assertThat(f.process.unreachable).containsExactly(ANN.contactId());
        assertThat(metrics.counted).containsExactly("callEnded:" + CallOutcome.BUSY.code());
        assertThat(events(AuditEventType.CALL_ENDED)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(Actor.VOICE_PROVIDER);
            assertThat(e.details()).containsEntry("status", "busy").containsEntry("outcome", "busy").containsEntry("to", "•••001")
                    .containsEntry("durationSeconds", "12").containsEntry("keys", "none")
                    .containsEntry("nextStep", RecordCallProgress.POLICY_ASKED);
        });
    }

    @Test
    void aCallTheVoicemailTookIsUnreachable() {
        f.answerPhoneCall.answered(annsCall, SID, Optional.of("machine_end_beep"));

        report(annsCall, CallStatus.COMPLETED, 3, "machine_end_beep");

        assertThat(metrics.counted).containsExactly("callEnded:" + CallOutcome.MACHINE.code());
        assertThat(f.process.unreachable).containsExactly(ANN.contactId());
    }

    @Test
    void aContactWhoHungUpWithoutConfirmingIsUnreachable() {
        f.answerPhoneCall.pressed(annsCall, SID, new CallScript.Menu(1), "1");

        report(annsCall, CallStatus.COMPLETED, 3, "human");

        assertThat(metrics.counted).containsExactly("callEnded:" + CallOutcome.NO_CONFIRMED_KEY.code());
        assertThat(events(AuditEventType.CALL_ENDED).get(0).details()).containsEntry("keys", "menu:1");
        assertThat(f.process.unreachable).containsExactly(ANN.contactId());
    }

    @Test
    void aContactWhoConfirmedWasReachedAndTheLadderIsLeftAlone() {
        f.answerPhoneCall.pressed(annsCall, SID, new CallScript.Confirm(VerificationAction.DISPATCH, 1), "1");

        report(annsCall, CallStatus.COMPLETED, 3, "human");

        assertThat(metrics.counted).containsExactly("callEnded:" + CallOutcome.ANSWERED.code());
        assertThat(f.process.unreachable).isEmpty();
        assertThat(events(AuditEventType.CALL_ENDED).get(0).details()).containsEntry("nextStep", "none: the contact answered");
    }

    @Test
    void aCallThatEndsAfterTheLadderMovedOnToAnotherContactIsRecordedOnly() {
        f.notifyNext.notifyNext(id);

        report(annsCall, CallStatus.NO_ANSWER, 2, null);

        assertThat(f.process.unreachable).isEmpty();
        assertThat(metrics.counted).containsExactly("callEnded:" + CallOutcome.NO_ANSWER.code());
        assertThat(events(AuditEventType.CALL_ENDED).get(0).details())
                .containsEntry("nextStep", "none: another contact has been notified since");
    }

    @Test
    void aCallThatEndsAfterTheDecisionIsRecordedOnly() {
        f.recordDecision.record(id, new ContactDecision(ANN.contactId(), VerificationAction.DISREGARD, f.clock.instant(),
                DecisionSource.STATION_API));

        report(annsCall, CallStatus.FAILED, 1, null);

        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.DECIDED);
        assertThat(f.process.unreachable).isEmpty();
        assertThat(events(AuditEventType.CALL_ENDED).get(0).details())
                .containsEntry("nextStep", "none: the verification is no longer open");
    }

    @Test
    void aSecondEndOfTheSameCallChangesNothing() {
        report(annsCall, CallStatus.BUSY, 2, null);

        assertThat(report(annsCall, CallStatus.BUSY, 2, null)).isEqualTo(RecordCallProgress.Progress.UNCHANGED);
        assertThat(report(annsCall, CallStatus.COMPLETED, 3, null)).isEqualTo(RecordCallProgress.Progress.UNCHANGED);

        assertThat(f.process.unreachable).containsExactly(ANN.contactId());
        assertThat(metrics.counted).hasSize(1);
        assertThat(events(AuditEventType.CALL_ENDED)).hasSize(1);
    }

    @Test
    void aReportForAnUnknownCallIsNoCall() {
        assertThat(report("nope", CallStatus.BUSY, 1, null)).isEqualTo(RecordCallProgress.Progress.UNKNOWN_CALL);
        assertThat(f.process.unreachable).isEmpty();
    }

    @Test
    void aSecondContactsUnansweredCallMovesTheLadderOnFromThem() {
        f.notifyNext.notifyNext(id);
        String bensCall = f.callPlaced(BEN, 2, SID);

        report(bensCall, CallStatus.NO_ANSWER, 2, null);

        assertThat(f.process.unreachable).containsExactly(BEN.contactId());
    }
}
