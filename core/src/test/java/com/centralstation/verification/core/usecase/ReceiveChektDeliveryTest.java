package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.ConcurrentChangeException;
import com.centralstation.verification.core.testing.ImmediateUnitOfWork;
import com.centralstation.verification.core.testing.InMemoryDeliveryInbox;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReceiveChektDeliveryTest {

    private static final byte[] BODY = "{\"id\":\"evt\"}".getBytes(StandardCharsets.UTF_8);

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;
    private final InMemoryDeliveryInbox inbox = f.inbox;
    private final ImmediateUnitOfWork unitOfWork = f.unitOfWork;
    private final ReceiveChektDelivery intake = intake(List.of(f.receive, f.cancel));

    @Test
    void aRequestIsTakenInToWaitForItsStartAndTheSameEventAgainChangesNothing() {
        assertThat(intake.receive(request("evt_1"))).isEqualTo(ReceiveChektDelivery.Result.ACCEPTED);
        assertThat(intake.receive(request("evt_1"))).isEqualTo(ReceiveChektDelivery.Result.DUPLICATE);

        assertThat(f.process.started).as("nothing starts on the request's thread").isEmpty();
        assertThat(inbox.size()).isEqualTo(1);
        assertThat(inbox.waiting(id)).hasValueSatisfying(waiting -> {
            assertThat(waiting.eventId()).isEqualTo("evt_1");
            assertThat(waiting.alarmClass()).isEqualTo(AlarmClass.NORMAL);
        });
        assertThat(f.audit.types(id)).isEmpty();
    }

    @Test
    void theSameVerificationUnderAnotherEventIdIsAuditedAsADuplicateDelivery() {
        intake.receive(request("evt_1"));

        assertThat(intake.receive(request("evt_2"))).isEqualTo(ReceiveChektDelivery.Result.DUPLICATE);

        assertThat(inbox.waitingCount()).isEqualTo(1);
        assertThat(last(id)).satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.DUPLICATE_DELIVERY);
            assertThat(event.details()).containsEntry("eventId", "evt_2");
        });
    }

    @Test
    void theSameVerificationAgainAfterItStartedIsStillADuplicate() {
        intake.receive(f.reader.remember(request("evt_1")));
        f.starter.startNext();

        assertThat(intake.receive(request("evt_2"))).isEqualTo(ReceiveChektDelivery.Result.DUPLICATE);

        assertThat(f.process.started).containsExactly(id);
        assertThat(inbox.waitingCount()).isZero();
    }

    @Test
    void aLifeSafetyAlarmIsStartedInTheDeliverysTransactionSoItsOperatorTaskExistsWhenCheKtIsAnswered() {
        f.classifier.classAs(AlarmClass.LIFE_SAFETY);

        assertThat(intake.receive(request("evt_1"))).isEqualTo(ReceiveChektDelivery.Result.ACCEPTED);

        assertThat(f.process.started).containsExactly(id);
        assertThat(f.process.startedWith.get(0).alarmClass()).isEqualTo(AlarmClass.LIFE_SAFETY);
        assertThat(inbox.waitingCount()).isZero();
        assertThat(f.audit.types(id)).containsExactly(AuditEventType.VERIFICATION_RECEIVED);
        assertThat(unitOfWork.transactions).hasValue(1);
    }

    @Test
    void aLifeSafetyAlarmWhoseStartTheEngineRefusesIsTakenInToWaitInsteadOfRefusingCheKt() {
        f.classifier.classAs(AlarmClass.LIFE_SAFETY);
        f.process.refusedStarts.add(id);
        unitOfWork.onFailure = () -> inbox.forget("evt_1");

        assertThat(intake.receive(request("evt_1"))).isEqualTo(ReceiveChektDelivery.Result.ACCEPTED);

        assertThat(f.process.started).isEmpty();
        assertThat(inbox.waiting(id)).hasValueSatisfying(waiting -> assertThat(waiting.alarmClass()).isEqualTo(AlarmClass.LIFE_SAFETY));
        assertThat(unitOfWork.transactions).hasValue(2);
    }

    @Test
    void aHandlerWithoutALaterStepLetsItsFailureStand() {
        ReceiveChektDelivery intake = intake(List.of(new Failing()));
        unitOfWork.onFailure = () -> inbox.forget("evt_1");

        assertThatThrownBy(() -> intake.receive(new ChektDelivery("evt_1", Failing.TYPE, ChektEvent.NONE, BODY)))
                .hasMessage("refused");

        assertThat(inbox.size()).isZero();
    }

    @Test
    void theRepairsMadeToReadARequestAreAuditedWhenItIsTakenIn() {
        Map<String, String> repairs = Map.of("data.contacts[1]", "dropped: not a JSON object");

        intake.receive(new ChektDelivery("evt_1", VerificationRequest.EVENT_TYPE, TestVerifications.contractRequest(),
                repairs, BODY));

        assertThat(f.audit.types(id)).containsExactly(AuditEventType.REQUEST_REPAIRED);
        assertThat(last(id).details()).isEqualTo(repairs);
    }

    @Test
    void aCancellationThatOvertakesItsRequestIsRememberedAndTheRequestIsStoredCancelledAsItIsAnswered() {
        assertThat(intake.receive(cancellation("evt_c", "alarm.resolved", id))).isEqualTo(ReceiveChektDelivery.Result.REMEMBERED);
        assertThat(intake.receive(request("evt_r"))).isEqualTo(ReceiveChektDelivery.Result.ALREADY_CANCELLED);

        assertThat(f.process.started).isEmpty();
        assertThat(inbox.waitingCount()).isZero();
        assertThat(f.verifications.find(id)).hasValueSatisfying(record -> {
            assertThat(record.state()).isEqualTo(VerificationState.CANCELLED);
            assertThat(record.closeReason()).hasValue("alarm.resolved");
        });
    }

    @Test
    void aCancellationOfARequestStillWaitingIsRememberedAndTheStarterStoresItCancelled() {
        intake.receive(f.reader.remember(request("evt_r")));

        assertThat(intake.receive(cancellation("evt_c", "verification.cancelled", id))).isEqualTo(ReceiveChektDelivery.Result.REMEMBERED);
        f.starter.startNext();

        assertThat(f.process.started).as("nobody is called for it").isEmpty();
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.CANCELLED);
        assertThat(inbox.waitingCount()).isZero();
    }

    @Test
    void aCancellationOfAStartedVerificationCancelsItAndASecondFindsNothingToDo() {
        intake.receive(f.reader.remember(request("evt_r")));
        f.starter.startNext();

        assertThat(intake.receive(cancellation("evt_c1", "verification.cancelled", id))).isEqualTo(ReceiveChektDelivery.Result.ACCEPTED);
        assertThat(intake.receive(cancellation("evt_c2", "alarm.resolved", id))).isEqualTo(ReceiveChektDelivery.Result.NOTHING_TO_DO);
    }

    @Test
    void aCancellationNamingNoVerificationAndAnEventTypeNoHandlerTakesAreKeptAndIgnored() {
        assertThat(intake.receive(cancellation("evt_c", "alarm.resolved", null))).isEqualTo(ReceiveChektDelivery.Result.IGNORED);
        assertThat(intake.receive(new ChektDelivery("evt_x", "site.armed", ChektEvent.NONE, BODY)))
                .isEqualTo(ReceiveChektDelivery.Result.IGNORED);

        assertThat(inbox.size()).isEqualTo(2);
        assertThat(intake.receive(new ChektDelivery("evt_x", "site.armed", ChektEvent.NONE, BODY)))
                .isEqualTo(ReceiveChektDelivery.Result.DUPLICATE);
    }

    @Test
    void aDeliveryRolledBackByAConcurrentChangeIsTakenAgainInAFreshTransaction() {
        Counting handler = new Counting();
        ReceiveChektDelivery intake = intake(List.of(handler));
        unitOfWork.conflicts.set(2);
        unitOfWork.onConflict = () -> inbox.forget("evt_1");

        assertThat(intake.receive(new ChektDelivery("evt_1", Counting.TYPE, ChektEvent.NONE, BODY)))
                .isEqualTo(ReceiveChektDelivery.Result.ACCEPTED);

        assertThat(unitOfWork.transactions).hasValue(3);
        assertThat(handler.calls).hasValue(3);
    }

    @Test
    void whenEveryAttemptIsRolledBackTheConflictIsThrown() {
        Counting handler = new Counting();
        ReceiveChektDelivery intake = intake(List.of(handler));
        unitOfWork.conflicts.set(ReceiveChektDelivery.ATTEMPTS);
        unitOfWork.onConflict = () -> inbox.forget("evt_1");

        assertThatThrownBy(() -> intake.receive(new ChektDelivery("evt_1", Counting.TYPE, ChektEvent.NONE, BODY)))
                .isInstanceOf(ConcurrentChangeException.class);

        assertThat(unitOfWork.transactions).hasValue(ReceiveChektDelivery.ATTEMPTS);
    }

    @Test
    void twoHandlersForOneEventTypeAreRefused() {
        assertThatThrownBy(() -> intake(List.of(f.cancel, new Counting(), f.cancel)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two handlers");
    }

    private ReceiveChektDelivery intake(List<? extends ReceiveChektDelivery.EventHandler> handlers) {
        return new ReceiveChektDelivery(unitOfWork, inbox, handlers, f.audit, f.clock);
    }

    /** A request of the contract's verification; its body names the event, so the reader tells deliveries apart. */
    private static ChektDelivery request(String eventId) {
        return new ChektDelivery(eventId, VerificationRequest.EVENT_TYPE, TestVerifications.contractRequest(),
                ("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static ChektDelivery cancellation(String eventId, String type, UUID verificationId) {
        return new ChektDelivery(eventId, type, new Cancellation(verificationId), BODY);
    }

    private AuditEvent last(UUID verificationId) {
        List<AuditEvent> timeline = f.audit.timeline(verificationId);
        return timeline.get(timeline.size() - 1);
    }

    /** A handler whose every delivery fails, without a later step. */
    private static final class Failing implements ReceiveChektDelivery.EventHandler {

        static final String TYPE = "test.failing";

        @Override
        public Set<String> eventTypes() {
            return Set.of(TYPE);
        }

        @Override
        public ReceiveChektDelivery.Result handle(ChektDelivery delivery) {
            throw new IllegalStateException("refused");
        }
    }

    /** A handler of an event type of its own, counting how often it ran. */
    private static final class Counting implements ReceiveChektDelivery.EventHandler {

        static final String TYPE = "test.counted";
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Set<String> eventTypes() {
            return Set.of(TYPE);
        }

        @Override
        public ReceiveChektDelivery.Result handle(ChektDelivery delivery) {
            calls.incrementAndGet();
            return ReceiveChektDelivery.Result.ACCEPTED;
        }
    }
}
