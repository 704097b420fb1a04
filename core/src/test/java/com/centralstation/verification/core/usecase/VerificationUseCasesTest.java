package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.usecase.SubmitDecision.Attempt;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static com.centralstation.verification.core.testing.TestVerifications.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerificationUseCasesTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;

    private ContactDecision decision(long contactId, VerificationAction action) {
        return new ContactDecision(contactId, action, f.clock.instant(), DecisionSource.STATION_API);
    }

    @Test
    void aRequestStartsOneVerificationAndARepeatChangesNothing() {
        assertThat(f.receiveAndStart(TestVerifications.contractRequest())).isEqualTo(StartVerification.Outcome.STARTED);
        assertThat(f.receiveAndStart(TestVerifications.contractRequest())).isEqualTo(StartVerification.Outcome.DUPLICATE);

        assertThat(f.process.started).containsExactly(id);
        assertThat(f.audit.types(id)).containsExactly(AuditEventType.VERIFICATION_RECEIVED);
        assertThat(f.verifications.find(id).orElseThrow().verification().callList().size()).isEqualTo(3);
    }

    @Test
    void theAlarmIsClassedAtIntakeAndTheClassIsStoredWithTheVerificationBeforeItsWorkflowStarts() {
        f.classifier.classAs(AlarmClass.LIFE_SAFETY);

        f.receiveAndStart(TestVerifications.request(id, 1, "fire", List.of(ANN)));

        assertThat(f.classifier.asked()).extracting(Alarm::trigger).containsExactly("fire");
        assertThat(f.verifications.find(id).orElseThrow().verification().alarmClass()).isEqualTo(AlarmClass.LIFE_SAFETY);
        assertThat(f.process.startedWith).extracting(Verification::alarmClass).containsExactly(AlarmClass.LIFE_SAFETY);
        assertThat(f.audit.timeline(id).get(0).details()).containsEntry("alarmClass", "life-safety");
    }

    @Test
    void withoutContactsInTheRequestTheSitesStoredCallListIsUsed() {
        f.callLists.replace(SITE, CallList.of(CHO, ANN));

        f.receiveAndStart(TestVerifications.request(id, 1, "motion", List.of()));

        assertThat(f.verifications.find(id).orElseThrow().verification().callList().contacts()).containsExactly(CHO, ANN);
    }

    @Test
    void contactsAreNotifiedInCallListOrderUntilNoneIsLeft() {
        f.receiveAndStart(TestVerifications.contractRequest());

        assertThat(f.notifyNext.notifyNext(id).contactsLeft()).isEqualTo(2);
        f.notifyNext.notifyNext(id);
        NotifyNextContact.Outcome third = f.notifyNext.notifyNext(id);
        NotifyNextContact.Outcome none = f.notifyNext.notifyNext(id);

        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId(), CHO.contactId());
        assertThat(third.contactsLeft()).isZero();
        assertThat(none.contact()).isEmpty();
        assertThat(f.audit.types(id)).endsWith(AuditEventType.NO_CONTACT_LEFT);
    }

    @Test
    void eachNotificationCarriesAFreshLinkOnlyTheHashOfWhichIsStoredBoundToItsContact() {
        f.receiveAndStart(TestVerifications.contractRequest());

        f.notifyNext.notifyNext(id);
        f.notifyNext.notifyNext(id);

        List<ContactNotification> sent = f.notifier.sent();
        assertThat(sent).extracting(ContactNotification::responseToken).doesNotHaveDuplicates();
        for (ContactNotification notification : sent) {
            assertThat(f.tokens.find(notification.responseToken())).as("the raw token is never stored").isEmpty();
            ResponseToken stored = f.tokens.find(ResponseToken.hashOf(notification.responseToken())).orElseThrow();
            assertThat(stored.verificationId()).isEqualTo(id);
            assertThat(stored.contactId()).isEqualTo(notification.contact().contactId());
            assertThat(stored.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(24)));
            assertThat(stored.usedAt()).isEmpty();
        }
    }

    @Test
    void anUnreachableContactIsRecordedAndTheLadderMovesOnWhileATransientFailureIsRetried() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifier.failPermanentlyFor(ANN.contactId());
        f.notifier.failTransientlyFor(BEN.contactId());

        NotifyNextContact.Outcome first = f.notifyNext.notifyNext(id);
        assertThatThrownBy(() -> f.notifyNext.notifyNext(id)).isInstanceOf(NotificationFailedException.class);

        assertThat(first.delivered()).isFalse();
        assertThat(first.notification()).contains(NotificationOutcome.UNREACHABLE);
        assertThat(f.verifications.find(id).orElseThrow().notified()).extracting(NotifiedContact::delivery)
                .containsExactly(NotificationDelivery.FAILED, NotificationDelivery.NOT_SENT);
        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.NOTIFICATION_FAILED, AuditEventType.NOTIFICATION_FAILED);
        assertThat(f.audit.types(id)).doesNotContain(AuditEventType.CHANNEL_DOWN);

        // Nothing left for Ben, so the retry sends to him again, at the same place, with a link of its own.
        f.notifier.recoverFor(BEN.contactId());
        NotifyNextContact.Outcome retried = f.notifyNext.notifyNext(id);

        assertThat(retried.contact()).map(Contact::contactId).contains(BEN.contactId());
        assertThat(retried.contactsNotified()).isEqualTo(2);
        assertThat(f.verifications.find(id).orElseThrow().notified()).extracting(NotifiedContact::delivery)
                .containsExactly(NotificationDelivery.FAILED, NotificationDelivery.DELIVERED);
        assertThat(f.notifier.contactIdsNotified()).containsExactly(BEN.contactId());
    }

    @Test
    void aChannelDownIsItsOwnOutcomeAndAnAuditedAlert() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifier.channelDownFor(ANN.contactId());

        NotifyNextContact.Outcome first = f.notifyNext.notifyNext(id);
        NotifyNextContact.Outcome second = f.notifyNext.notifyNext(id);

        assertThat(first.notification()).contains(NotificationOutcome.CHANNEL_DOWN);
        assertThat(second.notification()).contains(NotificationOutcome.DELIVERED);
        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.CHANNEL_DOWN, AuditEventType.NOTIFICATION_FAILED,
                AuditEventType.CONTACT_NOTIFIED);
    }

    @Test
    void nobodyLeftToCallIsNoNotificationAtAll() {
        f.receiveAndStart(TestVerifications.request(id, 1, "motion", List.of()));

        NotifyNextContact.Outcome none = f.notifyNext.notifyNext(id);

        assertThat(none.contact()).isEmpty();
        assertThat(none.notification()).isEmpty();
    }

    @Test
    void aFailingRecordingLeavesTheResponseLinkUsable() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        String link = f.notifier.lastResponseToken();
        f.process.failNextDecision = new IllegalStateException("the engine is unavailable");

        assertThatThrownBy(() -> f.responseLinks.answer(link, VerificationAction.DISPATCH))
                .hasMessageContaining("the engine is unavailable");
        assertThat(f.responseLinks.open(link).state()).isEqualTo(ResponseLinks.LinkState.OPEN);

        ResponseLinks.Answer answer = f.responseLinks.answer(link, VerificationAction.DISPATCH);
        assertThat(answer.outcome()).contains(RecordDecision.Outcome.ACCEPTED);
        assertThat(f.responseLinks.open(link).state()).isEqualTo(ResponseLinks.LinkState.USED);
    }

    @Test
    void theFirstValidDecisionWinsAndTheSecondIsRefused() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.notifyNext.notifyNext(id);

        assertThat(f.recordDecision.record(id, decision(BEN.contactId(), VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.ACCEPTED);
        assertThat(f.recordDecision.record(id, decision(ANN.contactId(), VerificationAction.DISREGARD)))
                .isEqualTo(RecordDecision.Outcome.ALREADY_DECIDED);

        assertThat(f.verifications.find(id).orElseThrow().decision()).map(ContactDecision::contactId).contains(BEN.contactId());
        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.DECISION_RECEIVED, AuditEventType.DECISION_REFUSED);
    }

    @Test
    void decisionsAreCheckedBeforeTheyReachTheWorkflow() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        Instant now = f.clock.instant();

        assertThat(f.recordDecision.record(UUID.randomUUID(), decision(ANN.contactId(), VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.UNKNOWN_VERIFICATION);
        assertThat(f.recordDecision.record(id, decision(424242, VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.CONTACT_NOT_ON_CALL_LIST);
        assertThat(f.recordDecision.record(id, decision(BEN.contactId(), VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.CONTACT_NOT_NOTIFIED);
        assertThat(f.recordDecision.record(id, new ContactDecision(ANN.contactId(), VerificationAction.DISPATCH,
                now.plus(Duration.ofMinutes(2)), DecisionSource.STATION_API))).isEqualTo(RecordDecision.Outcome.RESPONDED_IN_FUTURE);
        assertThat(f.recordDecision.record(id, new ContactDecision(ANN.contactId(), VerificationAction.DISPATCH,
                Instant.parse("2026-05-26T10:00:00Z"), DecisionSource.STATION_API))).isEqualTo(RecordDecision.Outcome.RESPONDED_BEFORE_ALARM);

        assertThat(f.process.waiting).contains(id);
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.OPEN);
    }

    @Test
    void aSubmittedDecisionKeepsChektsReceiptAndIsNotSentTwice() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, decision(ANN.contactId(), VerificationAction.DISPATCH));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);
        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);

        assertThat(f.chekt.submitted()).hasSize(1);
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.SUBMITTED);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.DECISION_SUBMITTED)
                .singleElement().satisfies(e -> assertThat(e.details()).containsKeys("traceId", "chektId"));
    }

    @Test
    void chektUnavailableIsAuditedAndRethrownForTheEngineToRetry() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, decision(ANN.contactId(), VerificationAction.DISPATCH));
        f.chekt.failNext(1, RecordingChektGateway::unavailable);

        assertThatThrownBy(() -> f.submitDecision.submit(id, Attempt.FIRST)).isInstanceOf(ChektGatewayException.Unavailable.class);
        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);

        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.SUBMISSION_FAILED, AuditEventType.DECISION_SUBMITTED);
    }

    @Test
    void chektClosedEndsTheVerificationWithoutRetry() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, decision(ANN.contactId(), VerificationAction.DISREGARD));
        f.chekt.failNext(1, () -> RecordingChektGateway.closed(409));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.CLOSED_BY_CHEKT);

        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.CLOSED_BY_CHEKT);
        assertThat(f.audit.types(id)).contains(AuditEventType.CLOSED_BY_CHEKT);
    }

    @Test
    void aDispatchChektRefusesGoesToAnOperatorAtOnceWithChektsAnswer() {
        decided(VerificationAction.DISPATCH);
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
        decided(VerificationAction.DISPATCH);
        f.chekt.failNext(2, RecordingChektGateway::unavailable);

        assertThatThrownBy(() -> f.submitDecision.submit(id, Attempt.FIRST)).isInstanceOf(ChektGatewayException.Unavailable.class);
        assertThat(f.submitDecision.submit(id, new Attempt(true, 0)).outcome())
                .isEqualTo(SubmitDecision.Outcome.DISPATCH_NOT_TAKEN);
    }

    @Test
    void aDisregardChektRefusesIsNotClosedQuietlyButFailsFinally() {
        decided(VerificationAction.DISREGARD);
        f.chekt.failNext(1, () -> RecordingChektGateway.closed(404));

        assertThatThrownBy(() -> f.submitDecision.submit(id, Attempt.FIRST))
                .isInstanceOfSatisfying(ChektGatewayException.class, e -> assertThat(e.isFinal()).isTrue());
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.DECIDED);
        assertThat(f.audit.types(id)).contains(AuditEventType.SUBMISSION_FAILED);
    }

    @Test
    void aRateLimitAnswerIsAWaitOfTheTimeChektAskedForCappedAndAudited() {
        decided(VerificationAction.DISREGARD);
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
        decided(VerificationAction.DISPATCH);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("no request left", 0, Duration.ofSeconds(2),
                null, null, null));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).waitFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(f.audit.types(id)).doesNotContain(AuditEventType.SUBMISSION_DEFERRED);
    }

    @Test
    void a503AsksForPatienceOnlySoOftenThenItIsAFailureLikeAny5xx() {
        decided(VerificationAction.DISREGARD);
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
        decided(VerificationAction.DISREGARD);
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
        decided(VerificationAction.DISREGARD);
        f.chekt.failNext(2, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofSeconds(3),
                null, null, null));

        assertThat(f.submitDecision.submit(id, new Attempt(false, 0, 0)).waitFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(f.submitDecision.submit(id, new Attempt(false, 0, 3)).waitFor()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aDispatchChektKeepsAskingToWaitForKeepsWaitingPastAnyDeadlineAndNamesChektsAnswer() {
        decided(VerificationAction.DISPATCH);
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
        decided(VerificationAction.DISPATCH);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("no request left", 0, Duration.ofSeconds(2),
                null, null, null));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).refusal()).isNull();
    }

    @Test
    void aDispatchChektDoesNotAnswerPastTheDeadlineIsStillRetriedUntilItsLastRetry() {
        decided(VerificationAction.DISPATCH);
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
        decided(VerificationAction.DISPATCH);
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
        decided(VerificationAction.DISPATCH);
        f.clock.advance(Duration.ofMinutes(3));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.SUBMITTED);

        assertThat(f.audit.types(id)).contains(AuditEventType.DECISION_SUBMITTED).doesNotContain(AuditEventType.DISPATCH_TAKEN_LATE);
    }

    @Test
    void aDisregardPastTheDispatchDeadlineKeepsWaiting() {
        decided(VerificationAction.DISREGARD);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofSeconds(5),
                null, null, null));
        f.clock.advance(Duration.ofMinutes(10));

        assertThat(f.submitDecision.submit(id, Attempt.FIRST).outcome()).isEqualTo(SubmitDecision.Outcome.WAIT);
    }

    @Test
    void aSupervisorEndingTheProcessCancelsAnOpenVerificationAndAuditsWhoDidIt() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);

        assertThat(f.cancelBySupervisor.cancel(id, "sam", "duplicate alarm"))
                .contains(VerificationState.CANCELLED_BY_SUPERVISOR);

        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.CANCELLED_BY_SUPERVISOR);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.CANCELLED_BY_SUPERVISOR).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(Actor.supervisor("sam"));
                    assertThat(e.details()).containsEntry("reason", "duplicate alarm").containsEntry("stateBefore", "OPEN");
                });
        assertThat(f.notifyNext.notifyNext(id).contact()).isEmpty();
    }

    @Test
    void aSupervisorEndingTheProcessOfAnEndedVerificationKeepsItsStateAndAuditsIt() {
        decided(VerificationAction.DISPATCH);
        f.chekt.failNext(1, () -> RecordingChektGateway.closed(404));
        f.submitDecision.submit(id, Attempt.FIRST);

        assertThat(f.cancelBySupervisor.cancel(id, null, null)).contains(VerificationState.DISPATCH_NOT_TAKEN);
        assertThat(f.audit.types(id)).endsWith(AuditEventType.CANCELLED_BY_SUPERVISOR);
    }

    private void decided(VerificationAction action) {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, decision(ANN.contactId(), action));
    }

    @Test
    void cancellationEndsAnOpenVerificationOnceAndRefusesLaterDecisions() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);

        assertThat(f.cancel.cancel(id, "alarm.resolved")).isEqualTo(CancelVerification.Outcome.CANCELLED);
        assertThat(f.cancel.cancel(id, "alarm.resolved")).isEqualTo(CancelVerification.Outcome.ALREADY_ENDED);
        assertThat(f.recordDecision.record(id, decision(ANN.contactId(), VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.CLOSED);
        assertThat(f.notifyNext.notifyNext(id).contact()).isEmpty();
    }
}
