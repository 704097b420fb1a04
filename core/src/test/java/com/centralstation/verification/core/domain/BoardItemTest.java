package com.centralstation.verification.core.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BoardItemTest {

    private static final Instant RECEIVED = Instant.parse("2026-05-26T10:21:34Z");
    private static final List<Duration> LADDER = List.of(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10));
    private static final CallList THREE = CallList.of(new Contact(1, "Ann", "Lee", "+1555", null),
            new Contact(2, "Ben", "Ortiz", null, "ben@example.com"), new Contact(3, null, null, "+1556", null));
    private static final UUID ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

    @ParameterizedTest(name = "{0} s old is in band {1}")
    @CsvSource({"0,0-2m", "120,0-2m", "121,2-5m", "300,2-5m", "301,5-10m", "600,5-10m", "601,10m+", "86400,10m+"})
    void theAgeIsGradedInChektsResponseTimeBands(long seconds, String band) {
        BoardItem item = BoardItem.of(open(OpenVerification.Phase.OPEN, List.of(), List.of()),
                RECEIVED.plusSeconds(seconds), LADDER);

        assertThat(item.age()).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(item.bucket().label()).isEqualTo(band);
    }

    @Test
    void aClockBehindTheReceiptShowsAnAgeOfZeroNotANegativeOne() {
        BoardItem item = BoardItem.of(open(OpenVerification.Phase.OPEN, List.of(), List.of()), RECEIVED.minusSeconds(3), LADDER);

        assertThat(item.age()).isZero();
        assertThat(item.bucket()).isEqualTo(ResponseTime.IDEAL);
    }

    @Test
    void whileContactsAreCalledTheStateNamesTheContactBeingWaitedForAndTheNextStepOfTheLadder() {
        List<NotifiedContact> twoCalled = List.of(new NotifiedContact(2, 2, RECEIVED.plusSeconds(121), NotificationDelivery.DELIVERED),
                new NotifiedContact(1, 1, RECEIVED.plusSeconds(1), NotificationDelivery.DELIVERED));
        BoardItem item = BoardItem.of(open(OpenVerification.Phase.OPEN, twoCalled, List.of()), RECEIVED.plusSeconds(150), LADDER);

        assertThat(item.stage()).isEqualTo(BoardStage.NOTIFYING);
        assertThat(item.stateText()).isEqualTo("notifying contact 2 of 3");
        assertThat(item.currentContact()).hasValueSatisfying(contact -> {
            assertThat(contact.contactId()).isEqualTo(2);
            assertThat(contact.name()).isEqualTo("Ben Ortiz");
            assertThat(contact.position()).isEqualTo(2);
            assertThat(contact.of()).isEqualTo(3);
            assertThat(contact.channel()).contains("sms");
        });
        // Timers run from the first notification (1 s after receipt): 2 min has passed, 5 min is next.
        assertThat(item.nextEscalation()).contains(RECEIVED.plusSeconds(1).plus(Duration.ofMinutes(5)));
        assertThat(item.operatorTask()).isEmpty();
    }

    @Test
    void aContactReachedByPhoneIsBeingCalledAndTheChannelIsVoice() {
        List<NotifiedContact> twoCalled = List.of(new NotifiedContact(1, 1, RECEIVED.plusSeconds(1), NotificationDelivery.DELIVERED),
                new NotifiedContact(2, 2, RECEIVED.plusSeconds(40), NotificationDelivery.DELIVERED));
        OpenVerification byPhone = new OpenVerification(ID, new SiteRef("12345", "1"), Optional.empty(), AlarmClass.NORMAL,
                "motion", Optional.empty(), RECEIVED, OpenVerification.Phase.OPEN, Optional.empty(), THREE, twoCalled,
                Optional.of("voice"), List.of());
        BoardItem item = BoardItem.of(byPhone, RECEIVED.plusSeconds(45), LADDER);

        assertThat(item.stage()).isEqualTo(BoardStage.NOTIFYING);
        assertThat(item.stateText()).isEqualTo("calling contact 2 of 3");
        assertThat(item.currentContact()).hasValueSatisfying(contact -> {
            assertThat(contact.name()).isEqualTo("Ben Ortiz");
            assertThat(contact.channel()).contains("voice");
        });
        assertThat(item.nextEscalation()).contains(RECEIVED.plusSeconds(1).plus(Duration.ofMinutes(2)));
    }

    @Test
    void beforeTheFirstNotificationAndWithoutATaskItIsReceivedAndNoTimerRunsYet() {
        BoardItem item = BoardItem.of(open(OpenVerification.Phase.OPEN, List.of(), List.of()), RECEIVED.plusSeconds(5), LADDER);

        assertThat(item.stage()).isEqualTo(BoardStage.RECEIVED);
        assertThat(item.stateText()).isEqualTo("received");
        assertThat(item.currentContact()).isEmpty();
        assertThat(item.nextEscalation()).isEmpty();
    }

    @Test
    void anOperatorAlertedBeforeAnyContactIsNoLongerReceived() {
        OperatorTask alert = task(OperatorTask.Kind.ALERT, null, RECEIVED.plusSeconds(2));
        BoardItem item = BoardItem.of(open(OpenVerification.Phase.OPEN, List.of(), List.of(alert)), RECEIVED.plusSeconds(5), LADDER);

        assertThat(item.stage()).isEqualTo(BoardStage.NOTIFYING);
        assertThat(item.stateText()).isEqualTo("notifying contact 1 of 3, operator alerted");
    }

    @Test
    void afterTheLastStepOfTheLadderNoEscalationIsDue() {
        List<NotifiedContact> called = List.of(new NotifiedContact(1, 1, RECEIVED, NotificationDelivery.DELIVERED));
        BoardItem item = BoardItem.of(open(OpenVerification.Phase.OPEN, called, List.of()),
                RECEIVED.plus(Duration.ofMinutes(10)).plusSeconds(1), LADDER);

        assertThat(item.nextEscalation()).isEmpty();
    }

    @Test
    void anOpenReviewMeansTheVerificationIsWithAnOperatorAndItsTaskIsTheOneShown() {
        OperatorTask alert = task(OperatorTask.Kind.ALERT, null, RECEIVED.plusSeconds(300));
        OperatorTask review = task(OperatorTask.Kind.REVIEW, "oscar", RECEIVED.plusSeconds(600));
        BoardItem item = BoardItem.of(open(OpenVerification.Phase.OPEN, List.of(), List.of(alert, review)),
                RECEIVED.plusSeconds(610), LADDER);

        assertThat(item.stage()).isEqualTo(BoardStage.WITH_OPERATOR);
        assertThat(item.stateText()).isEqualTo("with operator");
        assertThat(item.operatorTask()).contains(review);
    }

    @Test
    void anAlertWithoutAHandOverKeepsTheLadderGoingAndSaysSo() {
        OperatorTask alert = task(OperatorTask.Kind.ALERT, null, RECEIVED.plusSeconds(300));
        List<NotifiedContact> called = List.of(new NotifiedContact(1, 1, RECEIVED, NotificationDelivery.DELIVERED),
                new NotifiedContact(2, 2, RECEIVED, NotificationDelivery.DELIVERED),
                new NotifiedContact(3, 3, RECEIVED, NotificationDelivery.FAILED));
        BoardItem item = BoardItem.of(open(OpenVerification.Phase.OPEN, called, List.of(alert)), RECEIVED.plusSeconds(310), LADDER);

        assertThat(item.stage()).isEqualTo(BoardStage.NOTIFYING);
        assertThat(item.stateText()).isEqualTo("notifying contact 3 of 3, operator alerted");
        assertThat(item.currentContact()).hasValueSatisfying(contact -> {
            assertThat(contact.name()).isEqualTo("contact 3");
            assertThat(contact.delivered()).isFalse();
        });
        assertThat(item.operatorTask()).contains(alert);
    }

    @Test
    void aDecisionBeingSubmittedIsSubmittingWithoutATimer() {
        OpenVerification decided = new OpenVerification(ID, new SiteRef("d", "s"), Optional.empty(), AlarmClass.NORMAL, "motion",
                Optional.empty(), RECEIVED, OpenVerification.Phase.DECIDED, Optional.of(VerificationAction.DISREGARD), THREE,
                List.of(new NotifiedContact(1, 1, RECEIVED, NotificationDelivery.DELIVERED)), Optional.of("sms"), List.of());
        BoardItem item = BoardItem.of(decided, RECEIVED.plusSeconds(30), LADDER);

        assertThat(item.stage()).isEqualTo(BoardStage.SUBMITTING);
        assertThat(item.stateText()).isEqualTo("submitting disregard");
        assertThat(item.nextEscalation()).isEmpty();
    }

    @Test
    void aDispatchCheKtDidNotTakeShowsTheAgencyCallTask() {
        OperatorTask agencyCall = task(OperatorTask.Kind.AGENCY_CALL, null, RECEIVED.plusSeconds(400));
        BoardItem item = BoardItem.of(dispatchWith(OpenVerification.Phase.DISPATCH_NOT_TAKEN, agencyCall),
                RECEIVED.plusSeconds(401), LADDER);

        assertThat(item.stage()).isEqualTo(BoardStage.DISPATCH_NOT_TAKEN);
        assertThat(item.stateText()).isEqualTo("dispatch not taken: call the agency");
        assertThat(item.operatorTask()).contains(agencyCall);
    }

    @Test
    void aDispatchStillBeingSubmittedPastItsDeadlineShowsTheAgencyCallTask() {
        OperatorTask agencyCall = task(OperatorTask.Kind.AGENCY_CALL, null, RECEIVED.plusSeconds(150));
        BoardItem item = BoardItem.of(dispatchWith(OpenVerification.Phase.DECIDED, agencyCall), RECEIVED.plusSeconds(151), LADDER);

        assertThat(item.stage()).isEqualTo(BoardStage.DISPATCH_NOT_TAKEN);
        assertThat(item.stateText()).isEqualTo("dispatch not taken yet: call the agency");
        assertThat(item.operatorTask()).contains(agencyCall);
        assertThat(item.nextEscalation()).isEmpty();
    }

    @Test
    void aVerificationNotStartedYetIsReceived() {
        OpenVerification received = new OpenVerification(ID, new SiteRef("d", "s"), Optional.empty(), AlarmClass.LIFE_SAFETY,
                "fire", Optional.empty(), RECEIVED, OpenVerification.Phase.RECEIVED, Optional.empty(), CallList.empty(),
                List.of(), Optional.empty(), List.of());

        assertThat(BoardItem.of(received, RECEIVED, LADDER).stage()).isEqualTo(BoardStage.RECEIVED);
        assertThat(BoardItem.of(received, RECEIVED, LADDER).stateText()).isEqualTo("received");
    }

    @ParameterizedTest(name = "a {0} alarm {1} s old is past the 90 s line: {2}")
    @CsvSource({"LIFE_SAFETY,90,false", "LIFE_SAFETY,91,true", "HIGH,600,false"})
    void onlyLifeSafetyAlarmsHaveThe90SecondLine(AlarmClass alarmClass, long seconds, boolean past) {
        OpenVerification open = new OpenVerification(ID, new SiteRef("d", "s"), Optional.empty(), alarmClass, "fire",
                Optional.empty(), RECEIVED, OpenVerification.Phase.OPEN, Optional.empty(), THREE, List.of(), Optional.empty(),
                List.of());

        assertThat(BoardItem.of(open, RECEIVED.plusSeconds(seconds), LADDER).pastLifeSafetyLine()).isEqualTo(past);
    }

    private static OpenVerification open(OpenVerification.Phase phase, List<NotifiedContact> notified, List<OperatorTask> tasks) {
        return new OpenVerification(ID, new SiteRef("12345", "1"), Optional.empty(), AlarmClass.NORMAL, "motion",
                Optional.of("Main Entrance"), RECEIVED, phase, Optional.empty(), THREE, notified, Optional.of("sms"), tasks);
    }

    /** A contact's dispatch, still being submitted or not taken, with its agency call open. */
    private static OpenVerification dispatchWith(OpenVerification.Phase phase, OperatorTask agencyCall) {
        return new OpenVerification(ID, new SiteRef("d", "s"), Optional.empty(), AlarmClass.HIGH, "motion", Optional.empty(),
                RECEIVED, phase, Optional.of(VerificationAction.DISPATCH), THREE, List.of(), Optional.empty(),
                List.of(agencyCall));
    }

        private static OperatorTask task(OperatorTask.Kind kind, String assignee, Instant openedAt) {
        return new OperatorTask("task-" + kind, ID, "instance-1", kind, null, assignee, openedAt);
    }
}
