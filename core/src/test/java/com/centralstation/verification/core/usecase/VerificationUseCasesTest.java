package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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
        assertThat(f.receive.receive(TestVerifications.contractRequest())).isEqualTo(ReceiveVerificationRequest.Outcome.STARTED);
        assertThat(f.receive.receive(TestVerifications.contractRequest())).isEqualTo(ReceiveVerificationRequest.Outcome.DUPLICATE);

        assertThat(f.process.started).containsExactly(id);
        assertThat(f.audit.types(id)).containsExactly(AuditEventType.VERIFICATION_RECEIVED);
        assertThat(f.verifications.find(id).orElseThrow().verification().callList().size()).isEqualTo(3);
    }

    @Test
    void withoutContactsInTheRequestTheSitesStoredCallListIsUsed() {
        f.callLists.replace(SITE, CallList.of(CHO, ANN));

        f.receive.receive(TestVerifications.request(id, 1, "motion", List.of()));

        assertThat(f.verifications.find(id).orElseThrow().verification().callList().contacts()).containsExactly(CHO, ANN);
    }

    @Test
    void contactsAreNotifiedInCallListOrderUntilNoneIsLeft() {
        f.receive.receive(TestVerifications.contractRequest());

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
        f.receive.receive(TestVerifications.contractRequest());

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
    void aPermanentChannelFailureIsRecordedAndTheLadderMovesOnWhileATransientOneIsRetried() {
        f.receive.receive(TestVerifications.contractRequest());
        f.notifier.failPermanentlyFor(ANN.contactId());
        f.notifier.failTransientlyFor(BEN.contactId());

        NotifyNextContact.Outcome first = f.notifyNext.notifyNext(id);
        assertThatThrownBy(() -> f.notifyNext.notifyNext(id)).isInstanceOf(NotificationFailedException.class);

        assertThat(first.delivered()).isFalse();
        assertThat(f.verifications.find(id).orElseThrow().contactsNotified()).isEqualTo(1);
        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.NOTIFICATION_FAILED, AuditEventType.NOTIFICATION_FAILED);
    }

    @Test
    void theFirstValidDecisionWinsAndTheSecondIsRefused() {
        f.receive.receive(TestVerifications.contractRequest());
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
        f.receive.receive(TestVerifications.contractRequest());
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
        f.receive.receive(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, decision(ANN.contactId(), VerificationAction.DISPATCH));

        assertThat(f.submitDecision.submit(id)).isEqualTo(SubmitDecision.Outcome.SUBMITTED);
        assertThat(f.submitDecision.submit(id)).isEqualTo(SubmitDecision.Outcome.SUBMITTED);

        assertThat(f.chekt.submitted()).hasSize(1);
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.SUBMITTED);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.DECISION_SUBMITTED)
                .singleElement().satisfies(e -> assertThat(e.details()).containsKeys("traceId", "chektId"));
    }

    @Test
    void chektUnavailableIsAuditedAndRethrownForTheEngineToRetry() {
        f.receive.receive(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, decision(ANN.contactId(), VerificationAction.DISPATCH));
        f.chekt.failNext(1, RecordingChektGateway::unavailable);

        assertThatThrownBy(() -> f.submitDecision.submit(id)).isInstanceOf(ChektGatewayException.Unavailable.class);
        assertThat(f.submitDecision.submit(id)).isEqualTo(SubmitDecision.Outcome.SUBMITTED);

        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.SUBMISSION_FAILED, AuditEventType.DECISION_SUBMITTED);
    }

    @Test
    void chektClosedEndsTheVerificationWithoutRetry() {
        f.receive.receive(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, decision(ANN.contactId(), VerificationAction.DISREGARD));
        f.chekt.failNext(1, () -> RecordingChektGateway.closed(409));

        assertThat(f.submitDecision.submit(id)).isEqualTo(SubmitDecision.Outcome.CLOSED_BY_CHEKT);

        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.CLOSED_BY_CHEKT);
        assertThat(f.audit.types(id)).contains(AuditEventType.CLOSED_BY_CHEKT);
    }

    @Test
    void cancellationEndsAnOpenVerificationOnceAndRefusesLaterDecisions() {
        f.receive.receive(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);

        assertThat(f.cancel.cancel(id, "alarm.resolved")).isEqualTo(CancelVerification.Outcome.CANCELLED);
        assertThat(f.cancel.cancel(id, "alarm.resolved")).isEqualTo(CancelVerification.Outcome.ALREADY_ENDED);
        assertThat(f.recordDecision.record(id, decision(ANN.contactId(), VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.CLOSED);
        assertThat(f.notifyNext.notifyNext(id).contact()).isEmpty();
    }
}
