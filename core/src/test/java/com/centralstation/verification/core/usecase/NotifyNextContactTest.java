package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contact counts as notified from the moment a message with their link may leave, and no link goes out twice. */
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
}
