package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.usecase.SubmitDecision.Attempt;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision goes to CHeKT once; CHeKT's refusals, waits and silences end in a retry, a wait or an operator. */
class SubmitDecisionTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;

    @Test
    void aSubmittedDecisionKeepsChektsReceiptAndIsNotSentTwice() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, f.decision(ANN.contactId(), VerificationAction.DISPATCH));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);
        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);

        assertThat(f.chekt.submitted()).hasSize(1);
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.SUBMITTED);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.DECISION_SUBMITTED)
                .singleElement().satisfies(e -> assertThat(e.details()).containsKeys("traceId", "chektId")
                        .containsEntry("status", "200"));
    }

    @Test
    void chektUnavailableIsAuditedAndRethrownForTheEngineToRetry() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, f.decision(ANN.contactId(), VerificationAction.DISPATCH));
        f.chekt.failNext(1, RecordingChektGateway::unavailable);

        assertThatThrownBy(() -> f.submitDecision.submit(id, Attempt.FIRST)).isInstanceOf(ChektGatewayException.Unavailable.class);
        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);

        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.SUBMISSION_FAILED, AuditEventType.DECISION_SUBMITTED);
    }

    @Test
    void chektClosedEndsTheVerificationWithoutRetry() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, f.decision(ANN.contactId(), VerificationAction.DISREGARD));
        f.chekt.failNext(1, () -> RecordingChektGateway.closed(409));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.CLOSED_BY_CHEKT);

        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.CLOSED_BY_CHEKT);
        assertThat(f.audit.types(id)).contains(AuditEventType.CLOSED_BY_CHEKT);
    }

    @Test
    void aDispatchChektRefusesGoesToAnOperatorAtOnceWithChektsAnswer() {
        f.decided(VerificationAction.DISPATCH);
        f.chekt.failNext(1, () -> new ChektGatewayException.Rejected("CHeKT answered 422", 422, "invalid_contact",
                "req_9", null));

        SubmitDecision.Result result = f.submitDecision.submit(id, Attempt.FIRST);

        assertThat(result.outcome()).isEqualTo(SubmitDecision.Outcome.DISPATCH_NOT_TAKEN);
        assertThat(result.refusal()).isEqualTo(new SubmitDecision.Refusal(422, "invalid_contact", "CHeKT answered 422", "req_9"));
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.DISPATCH_NOT_TAKEN);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.DISPATCH_NOT_TAKEN).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("status", "422").containsEntry("requestId", "req_9")
                        .containsEntry("errorCode", "invalid_contact"));
    }

    @Test
    void aDispatchStillUnreachableOnItsLastRetryGoesToAnOperatorInsteadOfFailing() {
        f.decided(VerificationAction.DISPATCH);
        f.chekt.failNext(2, RecordingChektGateway::unavailable);

        assertThatThrownBy(() -> f.submitDecision.submit(id, Attempt.FIRST)).isInstanceOf(ChektGatewayException.Unavailable.class);
        assertThat(f.submitDecision.submit(id, new Attempt(true, 0)).outcome())
                .isEqualTo(SubmitDecision.Outcome.DISPATCH_NOT_TAKEN);
    }

    @Test
    void aDisregardChektRefusesIsNotClosedQuietlyButFailsFinally() {
        f.decided(VerificationAction.DISREGARD);
        f.chekt.failNext(1, () -> RecordingChektGateway.closed(404));

        assertThatThrownBy(() -> f.submitDecision.submit(id, Attempt.FIRST))
                .isInstanceOfSatisfying(ChektGatewayException.class, e -> assertThat(e.isFinal()).isTrue());
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.DECIDED);
        assertThat(f.audit.types(id)).contains(AuditEventType.SUBMISSION_FAILED);
    }

    @Test
    void aRateLimitAnswerIsAWaitOfTheTimeChektAskedForCappedAndAudited() {
        f.decided(VerificationAction.DISREGARD);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofSeconds(7),
                null, "req_3", null));
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofHours(1),
                null, null, null));

        SubmitDecision.Result first = f.submitDecision.submit(id, Attempt.FIRST);
        SubmitDecision.Result second = f.submitDecision.submit(id, Attempt.FIRST);

        assertThat(first.outcome()).isEqualTo(SubmitDecision.Outcome.WAIT);
        assertThat(first.waitFor()).isEqualTo(Duration.ofSeconds(7));
        assertThat(second.waitFor()).isEqualTo(SubmitDecision.MAX_WAIT);
        assertThat(first.unavailableWaits()).isZero();
        assertThat(f.audit.types(id).stream().filter(t -> t == AuditEventType.SUBMISSION_DEFERRED)).hasSize(2);
        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);
    }

    @Test
    void waitingForOurOwnRateLimitIsNotAudited() {
        f.decided(VerificationAction.DISPATCH);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("no request left", 0, Duration.ofSeconds(2),
                null, null, null));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).waitFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(f.audit.types(id)).doesNotContain(AuditEventType.SUBMISSION_DEFERRED);
    }

    @Test
    void a503AsksForPatienceOnlySoOftenThenItIsAFailureLikeAny5xx() {
        f.decided(VerificationAction.DISREGARD);
        f.chekt.failNext(2, () -> new ChektGatewayException.AskedToWait("CHeKT answered 503", 503, Duration.ofSeconds(30),
                null, null, null));

        SubmitDecision.Result waited = f.submitDecision.submit(id, new Attempt(false, SubmitDecision.MAX_UNAVAILABLE_WAITS - 1));
        assertThat(waited.outcome()).isEqualTo(SubmitDecision.Outcome.WAIT);
        assertThat(waited.unavailableWaits()).isEqualTo(SubmitDecision.MAX_UNAVAILABLE_WAITS);
        assertThatThrownBy(() -> f.submitDecision.submit(id, new Attempt(false, waited.unavailableWaits())))
                .isInstanceOf(ChektGatewayException.AskedToWait.class);
        assertThat(f.audit.types(id)).contains(AuditEventType.SUBMISSION_FAILED);
    }

    @Test
    void aWaitOfZeroOrInThePastIsNotNowButAFloorThatDoublesWhileChektKeepsAskingUpToItsWindow() {
        f.decided(VerificationAction.DISREGARD);
        f.chekt.failNext(8, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ZERO,
                null, null, null));

        List<Duration> waits = new ArrayList<>();
        Attempt attempt = Attempt.FIRST;
        for (int i = 0; i < 8; i++) {
            SubmitDecision.Result result = f.submitDecision.submit(id, attempt);
            assertThat(result.outcome()).isEqualTo(SubmitDecision.Outcome.WAIT);
            waits.add(result.waitFor());
            attempt = new Attempt(false, result.unavailableWaits(), result.chektWaits());
        }

        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);
        assertThat(f.submitDecision.submit(id, attempt).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);
    }

    @Test
    void aLongerWaitChektAsksForIsKeptAndTheFloorOnlyLiftsShortOnes() {
        f.decided(VerificationAction.DISREGARD);
        f.chekt.failNext(2, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofSeconds(3),
                null, null, null));

        assertThat(f.submitDecision.submit(id, new Attempt(false, 0, 0)).waitFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(f.submitDecision.submit(id, new Attempt(false, 0, 3)).waitFor()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aDispatchChektKeepsAskingToWaitForKeepsWaitingPastAnyDeadlineAndNamesChektsAnswer() {
        f.decided(VerificationAction.DISPATCH);
        f.chekt.failNext(2, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ZERO,
                "rate_limited", "req_429", null));

        SubmitDecision.Result waited = f.submitDecision.submit(id, Attempt.FIRST);
        f.clock.advance(Duration.ofMinutes(20));
        SubmitDecision.Result later = f.submitDecision.submit(id,
                new Attempt(false, waited.unavailableWaits(), waited.chektWaits(), true));

        assertThat(later.outcome()).isEqualTo(SubmitDecision.Outcome.WAIT);
        assertThat(later.refusal()).isEqualTo(new SubmitDecision.Refusal(429, "rate_limited", "CHeKT answered 429", "req_429"));
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.DECIDED);
        assertThat(f.audit.types(id)).doesNotContain(AuditEventType.DISPATCH_NOT_TAKEN);
    }

    @Test
    void waitingForOurOwnRateLimitNamesNoAnswerOfChekt() {
        f.decided(VerificationAction.DISPATCH);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("no request left", 0, Duration.ofSeconds(2),
                null, null, null));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).refusal()).isNull();
    }

    @Test
    void aDispatchChektDoesNotAnswerPastTheDeadlineIsStillRetriedUntilItsLastRetry() {
        f.decided(VerificationAction.DISPATCH);
        f.chekt.failNext(2, RecordingChektGateway::unavailable);
        f.clock.advance(Duration.ofMinutes(3));

        assertThatThrownBy(() -> f.submitDecision.submit(id, new Attempt(false, 0, 0, true)))
                .isInstanceOf(ChektGatewayException.class);
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.DECIDED);

        SubmitDecision.Result last = f.submitDecision.submit(id, new Attempt(true, 0, 0, true));
        assertThat(last.outcome()).isEqualTo(SubmitDecision.Outcome.DISPATCH_NOT_TAKEN);
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.DISPATCH_NOT_TAKEN);
    }

    @Test
    void aDispatchTakenAfterTheAgencyCallWasAskedIsSubmittedAndAuditedAsTakenLate() {
        f.decided(VerificationAction.DISPATCH);
        f.clock.advance(Duration.ofMinutes(3));

        assertThat(f.submitDecision.submit(id, new Attempt(false, 0, 4, true)).outcome())
                .isEqualTo(SubmitDecision.Outcome.SUBMITTED);

        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.SUBMITTED);
        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.DECISION_SUBMITTED, AuditEventType.DISPATCH_TAKEN_LATE);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.DISPATCH_TAKEN_LATE).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(Actor.CHEKT);
                    assertThat(e.details()).containsEntry("note", SubmitDecision.TAKEN_LATE_NOTE)
                            .containsKeys("traceId", "contactId", "respondedAt");
                });
    }

    @Test
    void aDispatchTakenBeforeAnyAgencyCallWasAskedIsNotLateHoweverLongItTook() {
        f.decided(VerificationAction.DISPATCH);
        f.clock.advance(Duration.ofMinutes(3));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);

        assertThat(f.audit.types(id)).contains(AuditEventType.DECISION_SUBMITTED).doesNotContain(AuditEventType.DISPATCH_TAKEN_LATE);
    }

    @Test
    void aDisregardPastTheDispatchDeadlineKeepsWaiting() {
        f.decided(VerificationAction.DISREGARD);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofSeconds(5),
                null, null, null));
        f.clock.advance(Duration.ofMinutes(10));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.WAIT);
    }
}
