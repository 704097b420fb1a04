package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallReport;
import com.centralstation.verification.core.domain.CallStatus;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactObservation;
import com.centralstation.verification.core.domain.ContactsTried;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.EscalationAdvice;
import com.centralstation.verification.core.domain.EscalationStep;
import com.centralstation.verification.core.domain.EvidencePack;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.PolicyVersion;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.ValidationFacts;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

class EvidencePackTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;
    private final AssembleEvidencePack evidence = new AssembleEvidencePack(f.verifications, f.notifications, f.phoneCalls,
            f.audit, f.clock);

    @Test
    void anAcceptedDecisionIsScoredWithWhatTheContactSawAndWhomTheStationTried() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.notifyNext.notifyNext(id);
        f.notifications.record(new NotificationAttempt(id, ANN.contactId(), "sms", "+15550100001", f.clock.instant(), true, "m1"));
        f.notifications.record(new NotificationAttempt(id, ANN.contactId(), "email", "ann@example.com", f.clock.instant(), true, "m2"));

        f.recordDecision.record(id, new ContactDecision(BEN.contactId(), VerificationAction.DISPATCH, f.clock.instant(),
                DecisionSource.RESPONSE_LINK, Optional.of(ContactObservation.PERSON)));

        assertThat(f.validationTables.asked()).containsExactly(new ValidationFacts("motion", VerificationAction.DISPATCH,
                Optional.of(ContactObservation.PERSON), new ContactsTried(2, 2)));
        AuditEvent validated = f.audit.timeline(id).stream().filter(e -> e.type() == AuditEventType.ALARM_VALIDATED)
                .findFirst().orElseThrow();
        assertThat(validated.details()).containsEntry("avsLevel", "1").containsEntry("seen", "person")
                .containsEntry("ecvMet", "true");
        assertThat(f.audit.timeline(id).stream().filter(e -> e.type() == AuditEventType.DECISION_RECEIVED)
                .findFirst().orElseThrow().details()).containsEntry("seen", "person");
    }

    @Test
    void thePackGathersTheDecisionItsBandThePolicyStepsTheValidationAndTheMaskedAttempts() {
        f.receiveAndStart(TestVerifications.contractRequest());
        new RecordEscalation(f.audit, VerificationMetrics.NONE, f.clock).record(id, EscalationStep.INITIAL,
                new EscalationAdvice(false, false, false), new PolicyVersion(3, "escalationPolicy:3:def"),
                Map.of("trigger", "motion", "contactsLeft", "2"));
        f.notifyNext.notifyNext(id);
        f.notifications.record(new NotificationAttempt(id, ANN.contactId(), "sms", "+15550100001", f.clock.instant(), true, "m1"));
        f.clock.advance(Duration.ofMinutes(3));
        f.recordDecision.record(id, new ContactDecision(ANN.contactId(), VerificationAction.DISREGARD, f.clock.instant(),
                DecisionSource.STATION_API));

        EvidencePack pack = evidence.assemble(id).orElseThrow();

        assertThat(pack.decision()).get().satisfies(d -> {
            assertThat(d.action()).isEqualTo(VerificationAction.DISREGARD);
            assertThat(d.how()).isEqualTo(DecisionSource.STATION_API);
            assertThat(d.responseTime()).contains(ResponseTime.ACCEPTABLE);
            assertThat(d.contactName()).isEqualTo(ANN.displayName());
        });
        assertThat(pack.escalationSteps()).singleElement().satisfies(step -> {
            assertThat(step.step()).isEqualTo("initial");
            assertThat(step.inputs()).containsEntry("trigger", "motion").containsEntry("contactsLeft", "2");
            assertThat(step.advice()).containsEntry("handOverToOperator", "false");
            assertThat(step.policyVersion()).as("the DMN version that answered").hasValue("3");
        });
        assertThat(pack.notificationAttempts()).singleElement().satisfies(a -> assertThat(a.address()).isEqualTo("•••001"));
        assertThat(pack.callList()).extracting(EvidencePack.ListedContact::email).contains("a•••@example.com");
        assertThat(pack.validation()).get().satisfies(v -> assertThat(v.avsLevel()).isEqualTo(1));
        assertThat(pack.ecv().contactsTried()).isEqualTo(1);
        assertThat(pack.auditChain().verifies()).isTrue();
        assertThat(pack.chektExchanges()).isEmpty();
    }

    @Test
    void addressesInsideAGatewaysOrChektsWordsAreMaskedWhereverThePackShowsThem() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifications.record(new NotificationAttempt(id, ANN.contactId(), "sms", "+15550100001", f.clock.instant(), false,
                "Twilio 21211: The 'To' number +15550100001 is not a valid phone number"));
        f.audit.record(new AuditEvent(id, f.clock.instant(), AuditEventType.NOTIFICATION_FAILED, Actor.ENGINE,
                Map.of("channel", "email", "reason", "550 5.1.1 <ann@example.com>: mailbox unavailable")));
        f.audit.record(new AuditEvent(id, f.clock.instant(), AuditEventType.SUBMISSION_FAILED, Actor.ENGINE,
                Map.of("status", "422", "errorCode", "invalid_contact", "message", "contact phone +1 555 010 0002 unknown",
                        "outcome", "rejected")));

        EvidencePack pack = evidence.assemble(id).orElseThrow();

        assertThat(pack.notificationAttempts()).singleElement().extracting(EvidencePack.Attempt::detail)
                .isEqualTo("Twilio 21211: The 'To' number •••001 is not a valid phone number");
        assertThat(pack.chektExchanges()).singleElement().extracting(EvidencePack.ChektExchange::error)
                .isEqualTo("invalid_contact: contact phone •••002 unknown");
        assertThat(pack.timeline()).filteredOn(e -> e.type() == AuditEventType.NOTIFICATION_FAILED).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("reason", "550 5.1.1 <a•••@example.com>: mailbox unavailable")
                        .containsEntry("channel", "email"));
        assertThat(f.audit.timeline(id)).as("the stored rows keep what was said")
                .anySatisfy(e -> assertThat(e.details()).containsEntry("reason", "550 5.1.1 <ann@example.com>: mailbox unavailable"));
    }

    @Test
    void eachCallIsInThePackAndCallsToDistinctNumbersCountForEcv() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        PhoneCall call = PhoneCall.dialling(id, ANN.contactId(), 1, ANN.phoneNumber(), f.clock.instant());
        f.phoneCalls.open(call);
        f.phoneCalls.placed(call.callId(), "CA0001");
        f.phoneCalls.change(call.callId(), c -> c.answeredBy(Optional.of("human"))
                .pressed(new PhoneCall.KeyPress("menu", "", f.clock.instant()))
                .reported(new CallReport("CA0001", CallStatus.COMPLETED, OptionalInt.of(3), Optional.empty(),
                        OptionalInt.of(41), f.clock.instant())));
        f.notifications.record(new NotificationAttempt(id, ANN.contactId(), "voice", ANN.phoneNumber(), f.clock.instant(), true,
                "CA0001"));
        f.notifications.record(new NotificationAttempt(id, ANN.contactId(), "sms", ANN.phoneNumber(), f.clock.instant(), true,
                "SM0001"));
        f.notifyNext.notifyNext(id);
        f.notifications.record(new NotificationAttempt(id, BEN.contactId(), "voice", BEN.phoneNumber(), f.clock.instant(), false,
                "busy"));

        EvidencePack pack = evidence.assemble(id).orElseThrow();

        assertThat(pack.calls()).singleElement().satisfies(c -> {
            assertThat(c.contactId()).isEqualTo(ANN.contactId());
            assertThat(c.to()).isEqualTo("•••001");
            assertThat(c.callSid()).contains("CA0001");
            assertThat(c.statuses()).singleElement().asString().startsWith("completed ");
            assertThat(c.answeredBy()).contains("human");
            assertThat(c.keys()).isEqualTo("menu:-");
            assertThat(c.durationSeconds()).contains(41);
            assertThat(c.outcome()).contains("no-confirmed-key");
        });
        assertThat(pack.ecv()).isEqualTo(new EvidencePack.EcvSummary(2, 2, Map.of("voice", 2, "sms", 1)));
    }

    @Test
    void threeContactsNotifiedAreThreeContactsAndEachChannelsDistinctAddressesAreCounted() {
        f.receiveAndStart(TestVerifications.contractRequest());
        for (var contact : List.of(ANN, BEN, CHO)) {
            f.notifyNext.notifyNext(id);
            f.notifications.record(new NotificationAttempt(id, contact.contactId(), "voice", contact.phoneNumber(),
                    f.clock.instant(), true, "CA" + contact.contactId()));
            f.notifications.record(new NotificationAttempt(id, contact.contactId(), "log", "log:contact-" + contact.contactId(),
                    f.clock.instant(), true, null));
            f.clock.advance(Duration.ofMinutes(1));
        }
        f.notifications.record(new NotificationAttempt(id, ANN.contactId(), "email", ANN.email(), f.clock.instant(), true, "m1"));
        f.recordDecision.record(id, new ContactDecision(CHO.contactId(), VerificationAction.DISPATCH, f.clock.instant(),
                DecisionSource.RESPONSE_LINK));

        EvidencePack pack = evidence.assemble(id).orElseThrow();

        assertThat(pack.contactsNotified()).hasSize(3);
        assertThat(pack.ecv().contactsTried()).isEqualTo(3);
        assertThat(pack.ecv().addressesByChannel()).containsExactly(Map.entry("email", 1), Map.entry("log", 3),
                Map.entry("voice", 3));
        assertThat(pack.ecv().addressesTried()).isEqualTo(7);
    }

    @Test
    void theTimelineShowsTheDecisionReceivedBeforeWhatItLedToEvenWithinOneClockTick() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        // the fixture's clock stands still: every row below has the same time, as rows of one millisecond do

        f.recordDecision.record(id, new ContactDecision(ANN.contactId(), VerificationAction.DISPATCH, f.clock.instant(),
                DecisionSource.RESPONSE_LINK, Optional.of(ContactObservation.PERSON)));
        f.submitDecision.submit(id, SubmitDecision.Attempt.FIRST);

        EvidencePack pack = evidence.assemble(id).orElseThrow();
        assertThat(pack.timeline()).extracting(AuditEvent::type).containsSubsequence(AuditEventType.DECISION_RECEIVED,
                AuditEventType.ALARM_VALIDATED, AuditEventType.DECISION_SUBMITTED);
        assertThat(pack.timeline()).filteredOn(e -> e.type() == AuditEventType.DECISION_RECEIVED).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(Actor.contact(ANN.contactId())));
    }

    @Test
    void chektsExchangeShowsTheStatusItAnsweredAndNoStatusWhereNoneWasRecorded() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.recordDecision.record(id, new ContactDecision(ANN.contactId(), VerificationAction.DISPATCH, f.clock.instant(),
                DecisionSource.RESPONSE_LINK));
        f.submitDecision.submit(id, SubmitDecision.Attempt.FIRST);
        // as recorded before the status was kept
        f.audit.record(new AuditEvent(id, f.clock.instant(), AuditEventType.DECISION_SUBMITTED, Actor.ENGINE,
                Map.of("traceId", UUID.randomUUID().toString(), "chektId", "1")));

        EvidencePack pack = evidence.assemble(id).orElseThrow();

        assertThat(pack.chektExchanges()).extracting(EvidencePack.ChektExchange::httpStatus).containsExactly("200", null);
    }

    @Test
    void anUnknownVerificationHasNoPack() {
        assertThat(evidence.assemble(UUID.randomUUID())).isEmpty();
    }
}
