package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contacts are notified in call-list order, each with a fresh link; a contact counts as notified from the moment a message
 * with their link may leave, and no link goes out twice.
 */
class NotifyNextContactTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;

    @Test
    void theContactAndTheLinkAreCommittedTogetherOnTheirOwnBeforeTheMessageLeaves() {
        f.receiveAndStart(TestVerifications.contractRequest());
        List<NotifiedContact> atSend = new ArrayList<>();
        AtomicReference<Integer> transactionsAtSend = new AtomicReference<>();
        f.notifier.onSend = message -> {
            atSend.addAll(f.verifications.find(id).orElseThrow().notified());
            transactionsAtSend.set(f.unitOfWork.transactions.get());
            assertThat(f.tokens.find(ResponseToken.hashOf(message.responseToken()))).isPresent();
        };

        f.notifyNext.notifyNext(id);

        assertThat(atSend).singleElement().satisfies(notified -> {
            assertThat(notified.contactId()).isEqualTo(ANN.contactId());
            assertThat(notified.delivery()).isEqualTo(NotificationDelivery.SENDING);
            assertThat(notified.notifiedAt()).isEqualTo(f.clock.instant());
        });
        assertThat(transactionsAtSend.get()).as("one transaction of its own before sending").isEqualTo(1);
        assertThat(f.verifications.find(id).orElseThrow().notified()).extracting(NotifiedContact::delivery)
                .containsExactly(NotificationDelivery.DELIVERED);
    }

    @Test
    void aContactWhoAnswersThroughTheLinkWhileTheGatewayHasNotAnsweredIsAccepted() {
        f.receiveAndStart(TestVerifications.contractRequest());
        AtomicReference<ResponseLinks.Answer> answer = new AtomicReference<>();
        f.notifier.onSend = message -> answer.set(f.responseLinks.answer(message.responseToken(), VerificationAction.DISPATCH));
        f.notifier.loseTheJobAfterSendingTo(ANN.contactId());

        assertThatThrownBy(() -> f.notifyNext.notifyNext(id)).isInstanceOf(IllegalStateException.class);

        assertThat(answer.get().outcome()).contains(RecordDecision.Outcome.ACCEPTED);
        assertThat(f.verifications.find(id).orElseThrow().decision()).hasValueSatisfying(decision ->
                assertThat(decision.contactId()).isEqualTo(ANN.contactId()));
    }

    @Test
    void aJobLostAfterSendingIsSettledWithoutASecondMessageAndTheDeliveryStaysUnconfirmed() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifier.loseTheJobAfterSendingTo(ANN.contactId());
        assertThatThrownBy(() -> f.notifyNext.notifyNext(id)).isInstanceOf(IllegalStateException.class);
        String link = f.notifier.lastResponseToken();

        NotifyNextContact.Outcome again = f.notifyNext.notifyNext(id);

        assertThat(f.notifier.sent()).as("one message, one link").hasSize(1);
        assertThat(again.contactsNotified()).isEqualTo(1);
        assertThat(again.notification()).contains(NotificationOutcome.DELIVERED);
        assertThat(f.verifications.find(id).orElseThrow().notified()).extracting(NotifiedContact::delivery)
                .containsExactly(NotificationDelivery.UNCONFIRMED);
        assertThat(notified()).singleElement().satisfies(event ->
                assertThat(event.details()).containsEntry(AuditDetail.DELIVERY, "unconfirmed")
                        .containsEntry(AuditDetail.CONTACT_ID, String.valueOf(ANN.contactId())));
        assertThat(f.responseLinks.open(link).state()).isEqualTo(ResponseLinks.LinkState.OPEN);

        f.notifyNext.notifyNext(id);
        assertThat(f.notifier.contactIdsNotified()).as("the ladder goes on with the next contact")
                .containsExactly(ANN.contactId(), BEN.contactId());
    }

    @Test
    void aJobLostAfterAChannelTookTheMessageIsSettledAsDeliveredFromTheNotificationLog() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifier.onSend = message -> f.notifications.record(new NotificationAttempt(id, ANN.contactId(), "sms",
                "+15550100001", f.clock.instant(), true, "SM1"));
        f.notifier.loseTheJobAfterSendingTo(ANN.contactId());
        assertThatThrownBy(() -> f.notifyNext.notifyNext(id)).isInstanceOf(IllegalStateException.class);

        f.notifyNext.notifyNext(id);

        assertThat(f.notifier.sent()).hasSize(1);
        assertThat(f.verifications.find(id).orElseThrow().notified()).extracting(NotifiedContact::delivery)
                .containsExactly(NotificationDelivery.DELIVERED);
        assertThat(notified()).singleElement().satisfies(event -> assertThat(event.details())
                .containsEntry(AuditDetail.DELIVERY, "delivered").containsEntry(AuditDetail.CHANNEL, "sms"));
    }

    @Test
    void aGatewayThatTookTheMessageWithoutAnsweringLeavesTheContactNotifiedWithTheDeliveryUnconfirmed() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifier.leaveUnansweredFor(ANN.contactId());

        NotifyNextContact.Outcome outcome = f.notifyNext.notifyNext(id);

        assertThat(outcome.notification()).as("for the policy the contact may have the link")
                .contains(NotificationOutcome.DELIVERED);
        assertThat(f.verifications.find(id).orElseThrow().notified()).extracting(NotifiedContact::delivery)
                .containsExactly(NotificationDelivery.UNCONFIRMED);
        assertThat(notified()).singleElement().satisfies(event -> assertThat(event.details())
                .containsEntry(AuditDetail.DELIVERY, "unconfirmed").containsEntry(AuditDetail.CHANNEL, "sms")
                .containsEntry(AuditDetail.REASON, "SMS gateway did not answer in time"));
    }

    @Test
    void aFailureWithNothingSentIsRecordedOnItsOwnAndTheRetrySendsANewLinkToTheSameContact() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifier.failTransientlyFor(ANN.contactId());

        assertThatThrownBy(() -> f.notifyNext.notifyNext(id));
        f.notifier.recoverFor(ANN.contactId());
        f.notifyNext.notifyNext(id);

        assertThat(f.unitOfWork.transactions.get()).as("before sending, after the failure, before sending again")
                .isEqualTo(3);
        assertThat(f.notifier.sent()).extracting(ContactNotification::position).containsExactly(1);
        assertThat(f.verifications.find(id).orElseThrow().notified()).extracting(NotifiedContact::delivery)
                .containsExactly(NotificationDelivery.DELIVERED);
    }

    @Test
    void aDecisionBeforeTheWorkflowWaitsLeavesTheLinkUsable() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        String link = f.notifier.lastResponseToken();
        f.process.notYetWaiting.add(id);

        ResponseLinks.Answer early = f.responseLinks.answer(link, VerificationAction.DISPATCH);

        assertThat(early.outcome()).contains(RecordDecision.Outcome.NOT_YET_WAITING);
        assertThat(f.responseLinks.open(link).state()).isEqualTo(ResponseLinks.LinkState.OPEN);
        f.process.notYetWaiting.remove(id);
        assertThat(f.responseLinks.answer(link, VerificationAction.DISPATCH).outcome())
                .contains(RecordDecision.Outcome.ACCEPTED);
    }

    private List<AuditEvent> notified() {
        return f.audit.timeline(id).stream().filter(e -> e.type() == AuditEventType.CONTACT_NOTIFIED).toList();
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
}
