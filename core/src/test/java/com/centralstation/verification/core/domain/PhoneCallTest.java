package com.centralstation.verification.core.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneCallTest {

    private static final Instant T0 = Instant.parse("2026-05-26T10:21:40Z");
    private static final String SID = "CA0123456789abcdef0123456789abcdef";

    private final PhoneCall dialling = PhoneCall.dialling(UUID.randomUUID(), 67890, 1, "+15550100001", T0);

    private static CallReport report(CallStatus status, int sequence) {
        return new CallReport(SID, status, OptionalInt.of(sequence), Optional.empty(), OptionalInt.empty(), T0.plusSeconds(sequence));
    }

    @Test
    void reportsInTheirOrderMoveTheCallForwardAndAreKept() {
        PhoneCall call = dialling.reported(report(CallStatus.INITIATED, 0)).reported(report(CallStatus.RINGING, 1))
                .reported(report(CallStatus.IN_PROGRESS, 2));

        assertThat(call.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(call.callSid()).contains(SID);
        assertThat(call.lastSequence()).hasValue(2);
        assertThat(call.statusChanges()).extracting(PhoneCall.StatusChange::status)
                .containsExactly(CallStatus.INITIATED, CallStatus.RINGING, CallStatus.IN_PROGRESS);
        assertThat(call.isOver()).isFalse();
        assertThat(call.outcome()).isEmpty();
    }

    @Test
    void aRepeatedOrOutOfOrderReportChangesNothing() {
        PhoneCall ended = dialling.reported(report(CallStatus.INITIATED, 0)).reported(report(CallStatus.COMPLETED, 3));

        assertThat(ended.reported(report(CallStatus.COMPLETED, 3))).isSameAs(ended);
        assertThat(ended.reported(report(CallStatus.RINGING, 1))).isSameAs(ended);
        PhoneCall ringing = dialling.reported(report(CallStatus.RINGING, 2));
        assertThat(ringing.reported(report(CallStatus.INITIATED, 1))).isSameAs(ringing);
        assertThat(ringing.reported(report(CallStatus.RINGING, 2))).isSameAs(ringing);
    }

    @Test
    void nothingChangesACallThatIsOver() {
        PhoneCall busy = dialling.reported(report(CallStatus.BUSY, 1));

        assertThat(busy.reported(report(CallStatus.COMPLETED, 5))).isSameAs(busy);
        assertThat(busy.endedAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void withoutSequenceNumbersOnlyALaterStatusCounts() {
        CallReport ringing = new CallReport(SID, CallStatus.RINGING, OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), T0);
        CallReport queued = new CallReport(SID, CallStatus.QUEUED, OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), T0);

        PhoneCall call = dialling.reported(ringing);

        assertThat(call.status()).isEqualTo(CallStatus.RINGING);
        assertThat(call.reported(ringing)).isSameAs(call);
        assertThat(call.reported(queued)).isSameAs(call);
    }

    @Test
    void aReportAboutAnotherCallChangesNothing() {
        PhoneCall placed = dialling.placed(SID);
        CallReport other = new CallReport("CAffff", CallStatus.BUSY, OptionalInt.of(3), Optional.empty(), OptionalInt.empty(), T0);

        assertThat(placed.reported(other)).isSameAs(placed);
        assertThat(placed.placed("CAffff")).as("the first sid stays").isSameAs(placed);
    }

    @ParameterizedTest
    @CsvSource({"busy, BUSY", "no-answer, NO_ANSWER", "failed, FAILED", "canceled, CANCELED"})
    void aCallThatNeverConnectedDidNotReachTheContact(String status, CallOutcome outcome) {
        PhoneCall call = dialling.reported(report(CallStatus.fromCode(status).orElseThrow(), 2));

        assertThat(call.outcome()).contains(outcome);
        assertThat(outcome.reachedContact()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other", "fax"})
    void aCallAMachineTookDidNotReachTheContact(String answeredBy) {
        PhoneCall call = dialling.answeredBy(Optional.of(answeredBy)).reported(report(CallStatus.COMPLETED, 3));

        assertThat(call.outcome()).contains(CallOutcome.MACHINE);
    }

    @Test
    void aPersonWhoHungUpWithoutConfirmingAKeyWasNotReachedAndOneWhoConfirmedWas() {
        PhoneCall human = dialling.answeredBy(Optional.of("human"))
                .pressed(new PhoneCall.KeyPress("menu", "1", T0)).reported(report(CallStatus.COMPLETED, 3));
        PhoneCall confirmed = dialling.confirmedAs(VerificationAction.DISPATCH).reported(report(CallStatus.COMPLETED, 3));

        assertThat(human.outcome()).contains(CallOutcome.NO_CONFIRMED_KEY);
        assertThat(confirmed.outcome()).contains(CallOutcome.ANSWERED);
        assertThat(CallOutcome.ANSWERED.reachedContact()).isTrue();
    }

    @Test
    void theKeysAreKeptInOrderWithSilenceShown() {
        PhoneCall call = dialling.pressed(new PhoneCall.KeyPress("menu", "", T0))
                .pressed(new PhoneCall.KeyPress("menu", "1", T0)).pressed(new PhoneCall.KeyPress("confirm-dispatch", "1", T0));

        assertThat(call.keysPressed()).isEqualTo("menu:- menu:1 confirm-dispatch:1");
    }

    @Test
    void callIdsAreRandomUrlSafeAndTooLongToGuess() {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> ids.add(PhoneCall.dialling(dialling.verificationId(), 1, 1, "+1", T0).callId()));

        assertThat(ids).hasSize(1000).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{22}"));
        assertThat(ids).noneMatch(id -> id.contains(dialling.verificationId().toString()));
    }
}
