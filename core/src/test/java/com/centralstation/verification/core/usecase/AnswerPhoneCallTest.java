package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallScript;
import com.centralstation.verification.core.domain.CallScript.Cue;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerPhoneCallTest {

    private static final String SID = "CA0123456789abcdef0123456789abcdef";
    private static final CallScript.Menu MENU = new CallScript.Menu(1);

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;
    private String annsCall;

    @BeforeEach
    void annIsCalled() {
        annsCall = f.annIsCalled(SID);
    }

    private AnswerPhoneCall.Reply press(CallScript.Step step, String digits) {
        return f.answerPhoneCall.pressed(annsCall, SID, step, digits).orElseThrow();
    }

    private static CallScript.Confirm confirm(VerificationAction action) {
        return new CallScript.Confirm(action, 1);
    }

    @Test
    void whoPicksUpHearsTheAlarmAndTheMenu() {
        AnswerPhoneCall.Reply reply = f.answerPhoneCall.answered(annsCall, SID, Optional.of("human")).orElseThrow();

        assertThat(reply.turn()).isEqualTo(CallScript.opening());
        assertThat(reply.verification().verification().alarm().trigger()).isEqualTo("motion");
        assertThat(f.phoneCalls.find(annsCall).orElseThrow().answeredBy()).contains("human");
    }

    @Test
    void oneThenOneIsTheContactsDispatchStampedWithTheConfirmingKey() {
        assertThat(press(MENU, "1").turn()).isEqualTo(new CallScript.Ask(List.of(Cue.CHOSEN), confirm(VerificationAction.DISPATCH)));
        f.clock.advance(Duration.ofSeconds(4));
        Instant confirmedAt = f.clock.instant();

        AnswerPhoneCall.Reply reply = press(confirm(VerificationAction.DISPATCH), "1");

        assertThat(reply.turn()).isEqualTo(new CallScript.End(List.of(Cue.ACCEPTED)));
        assertThat(f.verifications.find(id).orElseThrow().decision()).contains(new ContactDecision(ANN.contactId(),
                VerificationAction.DISPATCH, confirmedAt, DecisionSource.PHONE_CALL));
        assertThat(f.phoneCalls.find(annsCall).orElseThrow().confirmed()).contains(VerificationAction.DISPATCH);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.DECISION_RECEIVED).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(Actor.contact(ANN.contactId()));
                    assertThat(e.details()).containsEntry("source", "PHONE_CALL");
                });
    }

    @Test
    void twoThenOneIsTheContactsDisregard() {
        press(MENU, "2");

        press(confirm(VerificationAction.DISREGARD), "1");

        assertThat(f.verifications.find(id).orElseThrow().decision()).get()
                .extracting(ContactDecision::action).isEqualTo(VerificationAction.DISREGARD);
    }

    @Test
    void everyKeyIsAuditedWithItsQuestionSilenceIncluded() {
        press(MENU, "");
        press(new CallScript.Menu(2), "7");

        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.CALL_KEYS).extracting(AuditEvent::details)
                .allSatisfy(details -> assertThat(details).containsEntry("callSid", SID)
                        .containsEntry("contactId", String.valueOf(ANN.contactId())))
                .extracting(details -> details.get("prompt") + ":" + details.get("digits"))
                .containsExactly("menu:none", "menu:7");
        assertThat(f.phoneCalls.find(annsCall).orElseThrow().keysPressed()).isEqualTo("menu:- menu:7");
    }

    @Test
    void aLateCallerHearsWhatAnotherContactDecidedAndChangesNothing() {
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, new ContactDecision(BEN.contactId(), VerificationAction.DISREGARD, f.clock.instant(),
                DecisionSource.RESPONSE_LINK));

        AnswerPhoneCall.Reply reply = press(confirm(VerificationAction.DISPATCH), "1");

        assertThat(reply.turn()).isEqualTo(new CallScript.End(List.of(Cue.DECIDED_BY_ANOTHER)));
        assertThat(reply.verification().decision()).get().extracting(ContactDecision::action)
                .isEqualTo(VerificationAction.DISREGARD);
        assertThat(f.verifications.find(id).orElseThrow().decision()).get().extracting(ContactDecision::contactId)
                .isEqualTo(BEN.contactId());
    }

    @Test
    void aContactWhoAlreadyDecidedIsToldSo() {
        press(MENU, "1");
        press(confirm(VerificationAction.DISPATCH), "1");

        assertThat(f.answerPhoneCall.answered(annsCall, SID, Optional.empty()).orElseThrow().turn())
                .isEqualTo(new CallScript.End(List.of(Cue.DECIDED_BY_YOU)));
    }

    @Test
    void aClosedVerificationEndsTheCallAtOnce() {
        f.cancel.cancel(id, "alarm resolved");

        assertThat(f.answerPhoneCall.answered(annsCall, SID, Optional.of("human")).orElseThrow().turn())
                .isEqualTo(new CallScript.End(List.of(Cue.CLOSED)));
        assertThat(press(MENU, "1").turn()).isEqualTo(new CallScript.End(List.of(Cue.CLOSED)));
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.CANCELLED);
    }

    @Test
    void anAnsweringMachineHearsNothing() {
        AnswerPhoneCall.Reply reply = f.answerPhoneCall.answered(annsCall, SID, Optional.of("machine_start")).orElseThrow();

        assertThat(reply.turn()).isEqualTo(new CallScript.End(List.of()));
    }

    @Test
    void anAnswerThatCouldNotBeRecordedMayBeConfirmedAgain() {
        f.process.failNextDecision = new IllegalStateException("engine unavailable");

        AnswerPhoneCall.Reply failed = press(confirm(VerificationAction.DISPATCH), "1");

        assertThat(failed.turn()).isEqualTo(new CallScript.Ask(List.of(Cue.NOT_RECORDED), confirm(VerificationAction.DISPATCH)));
        assertThat(failed.failure()).get().extracting(Throwable::getMessage).isEqualTo("engine unavailable");
        assertThat(f.phoneCalls.find(annsCall).orElseThrow().confirmed()).isEmpty();
        assertThat(press(confirm(VerificationAction.DISPATCH), "1").turn()).isEqualTo(new CallScript.End(List.of(Cue.ACCEPTED)));
    }

    @Test
    void aCallTheStationDoesNotKnowOrAnotherSidIsNoCall() {
        assertThat(f.answerPhoneCall.answered("unknown-call", SID, Optional.empty())).isEmpty();
        assertThat(f.answerPhoneCall.pressed(annsCall, "CAother", MENU, "1")).isEmpty();
        assertThat(f.audit.timeline(id)).noneMatch(e -> e.type() == AuditEventType.CALL_KEYS);
    }

    @Test
    void theProvidersSidIsLearnedFromTheFirstCallbackWhenThePlacingJobDidNotKeepIt() {
        PhoneCall unplaced = PhoneCall.dialling(id, ANN.contactId(), 1, ANN.phoneNumber(), f.clock.instant());
        f.phoneCalls.open(unplaced);

        assertThat(f.answerPhoneCall.answered(unplaced.callId(), "CAlearned", Optional.empty())).isPresent();
        assertThat(f.phoneCalls.find(unplaced.callId()).orElseThrow().callSid()).contains("CAlearned");
    }
}
