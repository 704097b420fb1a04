package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.VerificationRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcDeliveryInboxTest {

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(Engine.H2);
        }
    }

    /** H2 runs one node with one starter, and takes rows without locks. */
    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Engine.POSTGRES);
        }

        @Test
        void twoStartersTakingAtOnceGetDifferentRequestsAndNeitherWaits() throws Exception {
            List<UUID> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                clock.advance(Duration.ofMillis(10));
                all.add(request("evt_" + i, UUID.randomUUID(), AlarmClass.NORMAL));
            }
            CountDownLatch firstHolds = new CountDownLatch(1);
            CountDownLatch secondDone = new CountDownLatch(1);
            CompletableFuture<List<UUID>> first = CompletableFuture.supplyAsync(() ->
                    transaction.execute(status -> {
                        List<UUID> ids = inbox().nextToStart(3).stream().map(DeliveryInbox.WaitingRequest::verificationId).toList();
                        firstHolds.countDown();
                        try {
                            secondDone.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return ids;
                    }));
            assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();

            List<UUID> second = transaction.execute(status ->
                    inbox().nextToStart(10).stream().map(DeliveryInbox.WaitingRequest::verificationId).toList());
            secondDone.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(all.subList(0, 3));
            assertThat(second).as("the rows the first holds are passed over").containsExactlyElementsOf(all.subList(3, 6));
        }
    }

    abstract static class Contract extends DatabaseContract {

        Contract(Engine engine) {
            super(engine);
        }

        static final byte[] BODY = "{\"id\":\"evt\"}".getBytes(StandardCharsets.UTF_8);

        DeliveryInbox inbox() {
            return adapter(DeliveryInbox.class);
        }

        @Test
        void recognisesARedeliveryByEventId() {
            assertThat(inbox().firstDelivery("evt_2hKqx9", "verification.requested", null, BODY, clock.instant())).isTrue();
            assertThat(inbox().firstDelivery("evt_2hKqx9", "verification.requested", null, BODY, clock.instant().plusSeconds(60))).isFalse();
            assertThat(inbox().firstDelivery("evt_other", "verification.requested", null, BODY, clock.instant())).isTrue();
            assertThat(database.count("SELECT COUNT(*) FROM webhook_delivery")).isEqualTo(2);
        }

        @Test
        void keepsTheRawBodyByteForByteWithTheVerificationItNames() {
            UUID verification = UUID.randomUUID();
            byte[] raw = "{\"location\":\"caf\u00e9 \u00ff\"}".getBytes(StandardCharsets.UTF_8);
            inbox().firstDelivery("evt_raw", "verification.requested", verification, raw, clock.instant());

            assertThat(database.jdbc().queryForObject("SELECT body FROM webhook_delivery WHERE verification_id = ?",
                    byte[].class, verification)).isEqualTo(raw);
        }

        @Test
        void aRedeliveryLeavesTheCallersTransactionUsable() {
            VerificationRequest request = TestVerifications.contractRequest();
            transaction.executeWithoutResult(status -> {
                assertThat(inbox().firstDelivery("evt_1", "verification.requested", null, BODY, clock.instant())).isTrue();
                assertThat(inbox().firstDelivery("evt_1", "verification.requested", null, BODY, clock.instant())).isFalse();
                adapter(VerificationRepository.class).add(new Verification(request.chekt(), request.alarm(),
                        new CallList(request.contacts()), clock.instant(), AlarmClass.NORMAL));
            });

            assertThat(adapter(VerificationRepository.class).find(TestVerifications.CONTRACT_VERIFICATION_ID)).isPresent();
            assertThat(database.count("SELECT COUNT(*) FROM webhook_delivery WHERE event_id = 'evt_1'")).isEqualTo(1);
        }

        @Test
        void anEventRecordedInARolledBackTransactionWasNeverDelivered() {
            transaction.executeWithoutResult(status -> {
                inbox().firstDelivery("evt_rolled_back", "verification.requested", null, BODY, clock.instant());
                status.setRollbackOnly();
            });

            assertThat(inbox().firstDelivery("evt_rolled_back", "verification.requested", null, BODY, clock.instant())).isTrue();
        }

        @Test
        void ofFiveConcurrentDeliveriesExactlyOneIsTheFirst() throws InterruptedException {
            List<Race.Result<Boolean>> results = Race.run(5, i -> () -> transaction.execute(status ->
                    inbox().firstDelivery("evt_storm", "verification.requested", null, BODY, clock.instant())));

            assertThat(results).noneMatch(Race.Result::failed);
            assertThat(results).filteredOn(Race.Result::value).hasSize(1);
            assertThat(database.count("SELECT COUNT(*) FROM webhook_delivery WHERE event_id = 'evt_storm'")).isEqualTo(1);
        }

        @Test
        void aRequestWaitsUniqueOnItsVerificationAndASecondDeliveryOfItLeavesTheTransactionUsable() {
            UUID verification = UUID.randomUUID();
            transaction.executeWithoutResult(status -> {
                request("evt_1", verification, AlarmClass.HIGH);
                assertThat(inbox().firstDelivery("evt_2", "verification.requested", verification, BODY, clock.instant())).isTrue();
                assertThat(inbox().awaitStart("evt_2", chekt(verification), TestVerifications.alarm("motion"), AlarmClass.HIGH))
                        .as("the same verification again").isFalse();
                inbox().firstDelivery("evt_3", "verification.requested", UUID.randomUUID(), BODY, clock.instant());
            });

            assertThat(inbox().waiting(verification)).hasValueSatisfying(waiting -> {
                assertThat(waiting.eventId()).isEqualTo("evt_1");
                assertThat(waiting.alarmClass()).isEqualTo(AlarmClass.HIGH);
                assertThat(waiting.receivedAt()).isEqualTo(clock.instant());
                assertThat(waiting.body()).isEqualTo(BODY);
                assertThat(waiting.attempts()).isZero();
            });
            assertThat(database.count("SELECT COUNT(*) FROM webhook_delivery")).as("the duplicate's event id is kept").isEqualTo(3);
            assertThat(inbox().waitingCount()).isEqualTo(1);
        }

        @Test
        void waitingRequestsAreTakenByClassThenArrivalAndLeaveOnceStarted() {
            UUID normalFirst = request("evt_n1", UUID.randomUUID(), AlarmClass.NORMAL);
            clock.advance(Duration.ofSeconds(1));
            UUID high = request("evt_h", UUID.randomUUID(), AlarmClass.HIGH);
            clock.advance(Duration.ofSeconds(1));
            UUID normalSecond = request("evt_n2", UUID.randomUUID(), AlarmClass.NORMAL);
            clock.advance(Duration.ofSeconds(1));
            UUID lifeSafety = request("evt_l", UUID.randomUUID(), AlarmClass.LIFE_SAFETY);

            assertThat(inbox().waiting(10)).extracting(DeliveryInbox.WaitingRequest::verificationId)
                    .containsExactly(lifeSafety, high, normalFirst, normalSecond);
            List<DeliveryInbox.WaitingRequest> taken = transaction.execute(status -> {
                List<DeliveryInbox.WaitingRequest> next = inbox().nextToStart(3);
                next.forEach(request -> inbox().leaveWaiting(request.eventId()));
                return next;
            });

            assertThat(taken).extracting(DeliveryInbox.WaitingRequest::verificationId).containsExactly(lifeSafety, high, normalFirst);
            assertThat(inbox().waitingCount()).isEqualTo(1);
            assertThat(inbox().waiting(high)).isEmpty();
            assertThat(inbox().takeWaiting("evt_n2")).hasValueSatisfying(w -> assertThat(w.verificationId()).isEqualTo(normalSecond));
            assertThat(inbox().takeWaiting("evt_h")).isEmpty();
        }

        @Test
        void failedAttemptsAreCountedOnTheWaitingRequest() {
            UUID verification = request("evt_f", UUID.randomUUID(), AlarmClass.NORMAL);

            assertThat(inbox().failedToStart("evt_f")).isEqualTo(1);
            assertThat(inbox().failedToStart("evt_f")).isEqualTo(2);

            assertThat(inbox().waiting(verification)).hasValueSatisfying(w -> assertThat(w.attempts()).isEqualTo(2));
        }

        static ChektReference chekt(UUID verification) {
            return new ChektReference(new SiteRef("12345", "1"), 1, verification);
        }

        UUID request(String eventId, UUID verification, AlarmClass alarmClass) {
            transaction.executeWithoutResult(status -> {
                assertThat(inbox().firstDelivery(eventId, "verification.requested", verification, BODY, clock.instant())).isTrue();
                assertThat(inbox().awaitStart(eventId, chekt(verification), TestVerifications.alarm("motion"), alarmClass)).isTrue();
            });
            return verification;
        }
    }
}
