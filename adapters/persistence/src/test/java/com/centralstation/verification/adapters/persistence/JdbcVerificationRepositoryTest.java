package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.DuplicateVerificationException;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.VerificationRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class JdbcVerificationRepositoryTest {

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(Engine.H2);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Engine.POSTGRES);
        }
    }

    abstract static class Contract extends DatabaseContract {

        Contract(Engine engine) {
            super(engine);
        }

        VerificationRepository repository() {
            return adapter(VerificationRepository.class);
        }

        Verification contractVerification() {
            return verification(TestVerifications.contractRequest(), clock.instant());
        }

        static Verification verification(VerificationRequest request, Instant receivedAt) {
            return new Verification(request.chekt(), request.alarm(), new CallList(request.contacts()), receivedAt,
                    AlarmClass.HIGH);
        }

        static Verification verification(UUID id, long alarmVerificationId, Instant receivedAt) {
            return verification(TestVerifications.request(id, alarmVerificationId, "motion", TestVerifications.CONTACTS),
                    receivedAt);
        }

        int rowsWithId(UUID id) {
            return database.count("SELECT COUNT(*) FROM verification WHERE verification_id = ?", id);
        }

        static ContactDecision decision(long contactId, VerificationAction action) {
            return new ContactDecision(contactId, action, Instant.parse("2026-05-26T10:23:01.654321Z"), DecisionSource.STATION_API);
        }

        @Test
        void roundTripsTheContractVerificationThroughItsWholeLife() {
            Verification verification = contractVerification();
            repository().add(verification);
            assertThat(repository().find(verification.id())).contains(new VerificationRecord(verification,
                    VerificationState.OPEN, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));

            NotifiedContact second = new NotifiedContact(BEN.contactId(), 2, Instant.parse("2026-05-26T10:23:34.000001Z"),
                    NotificationDelivery.UNCONFIRMED);
            NotifiedContact first = new NotifiedContact(ANN.contactId(), 1, Instant.parse("2026-05-26T10:21:35.5Z"),
                    NotificationDelivery.DELIVERED);
            repository().addNotified(verification.id(), second);
            repository().addNotified(verification.id(), first);
            ContactDecision decision = decision(BEN.contactId(), VerificationAction.DISPATCH);
            assertThat(repository().claimDecision(verification.id(), decision)).isTrue();
            SubmissionReceipt receipt = new SubmissionReceipt(1, UUID.randomUUID(), Instant.parse("2026-05-26T10:23:02.999999Z"),
                    OptionalInt.of(201));
            repository().markSubmitted(verification.id(), receipt);

            VerificationRecord stored = repository().find(verification.id()).orElseThrow();
            assertThat(stored).isEqualTo(new VerificationRecord(verification, VerificationState.SUBMITTED,
                    List.of(first, second), Optional.of(decision), Optional.of(receipt), Optional.empty()));
            assertThat(stored.verification().callList().contacts()).containsExactly(ANN, BEN, CHO);
            assertThat(stored.verification().alarm()).isEqualTo(TestVerifications.alarm("motion"));
        }

        @Test
        void keepsAnAlarmWithOnlyItsRequiredFields() {
            UUID id = UUID.randomUUID();
            Verification sparse = new Verification(TestVerifications.request(id, 7, "fire", List.of()).chekt(),
                    new Alarm(null, "fire", null, null, null, null), CallList.empty(), clock.instant(), AlarmClass.LIFE_SAFETY);
            repository().add(sparse);
            assertThat(repository().find(id)).map(VerificationRecord::verification).contains(sparse);
        }

        @Test
        void findsNothingForAnUnknownVerification() {
            assertThat(repository().find(UUID.randomUUID())).isEmpty();
        }

        @Test
        void keepsInstantsExactlyToTheMicrosecondAndTruncatesFinerOnes() {
            UUID exact = UUID.randomUUID();
            UUID finer = UUID.randomUUID();
            repository().add(verification(exact, 1, Instant.parse("1999-12-31T23:59:59.999999Z")));
            repository().add(verification(finer, 2, Instant.parse("2026-05-26T10:21:34.123456789Z")));

            assertThat(repository().find(exact).orElseThrow().verification().receivedAt())
                    .isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
            assertThat(repository().find(finer).orElseThrow().verification().receivedAt())
                    .isEqualTo(Instant.parse("2026-05-26T10:21:34.123456Z"));
        }

        @Test
        void refusesASecondVerificationWithTheSameUuidAndKeepsTheFirst() {
            Verification first = verification(TestVerifications.CONTRACT_VERIFICATION_ID, 1, clock.instant());
            repository().add(first);
            Verification again = verification(TestVerifications.CONTRACT_VERIFICATION_ID, 99, clock.instant().plusSeconds(5));

            assertThatThrownBy(() -> repository().add(again))
                    .isInstanceOfSatisfying(DuplicateVerificationException.class,
                            e -> assertThat(e.verificationId()).isEqualTo(TestVerifications.CONTRACT_VERIFICATION_ID));
            assertThat(repository().find(first.id()).orElseThrow().verification()).isEqualTo(first);
        }

        @Test
        void aDuplicateLeavesTheCallersTransactionUsable() {
            UUID duplicated = UUID.randomUUID();
            UUID afterwards = UUID.randomUUID();
            AuditTrail audit = adapter(AuditTrail.class);
            transaction.executeWithoutResult(status -> {
                repository().add(verification(duplicated, 1, clock.instant()));
                assertThatThrownBy(() -> repository().add(verification(duplicated, 2, clock.instant())))
                        .isInstanceOf(DuplicateVerificationException.class);
                // On PostgreSQL these fail with "current transaction is aborted" unless the insert had its savepoint.
                repository().add(verification(afterwards, 3, clock.instant()));
                audit.record(new AuditEvent(afterwards, clock.instant(), AuditEventType.DUPLICATE_DELIVERY, Actor.CHEKT, Map.of()));
            });

            assertThat(repository().find(duplicated).orElseThrow().verification().chekt().alarmVerificationId()).isEqualTo(1);
            assertThat(repository().find(afterwards)).isPresent();
            assertThat(audit.timeline(afterwards)).hasSize(1);
        }

        @Test
        void fiveConcurrentDeliveriesOfOneVerificationStoreExactlyOne() throws InterruptedException {
            UUID id = UUID.randomUUID();
            List<Race.Result<Boolean>> results = Race.run(5, i -> () -> transaction.execute(status -> {
                repository().add(verification(id, i + 1, clock.instant()));
                return true;
            }));

            assertThat(results).filteredOn(r -> !r.failed()).hasSize(1);
            assertThat(results).filteredOn(Race.Result::failed)
                    .hasSize(4)
                    .allSatisfy(r -> assertThat(r.failure()).isInstanceOf(DuplicateVerificationException.class));
            assertThat(rowsWithId(id)).isEqualTo(1);
        }

        @Test
        void aDuplicateOfAnUncommittedVerificationWaitsForItAndIsRefused() throws Exception {
            UUID id = UUID.randomUUID();
            CountDownLatch inserted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
                repository().add(verification(id, 1, clock.instant()));
                inserted.countDown();
                Race.awaitSignal(release);
            }));
            assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status ->
                    repository().add(verification(id, 2, clock.instant()))));
            // The second insert must find the first one's key, uncommitted as it is, and wait on it.
            await().atMost(Duration.ofSeconds(10)).until(() -> second.isDone() || database.blockedSessions() > 0);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);

            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DuplicateVerificationException.class);
            assertThat(rowsWithId(id)).isEqualTo(1);
            assertThat(repository().find(id).orElseThrow().verification().chekt().alarmVerificationId()).isEqualTo(1);
        }


        @Test
        void theFirstDecisionWinsAndLaterOnesChangeNothing() {
            Verification verification = contractVerification();
            repository().add(verification);
            ContactDecision first = decision(ANN.contactId(), VerificationAction.DISREGARD);

            assertThat(repository().claimDecision(verification.id(), first)).isTrue();
            assertThat(repository().claimDecision(verification.id(), decision(BEN.contactId(), VerificationAction.DISPATCH)))
                    .isFalse();

            VerificationRecord stored = repository().find(verification.id()).orElseThrow();
            assertThat(stored.state()).isEqualTo(VerificationState.DECIDED);
            assertThat(stored.decision()).contains(first);
        }

        @Test
        void ofConcurrentDecisionsExactlyOneWins() throws InterruptedException {
            Verification verification = contractVerification();
            repository().add(verification);
            List<ContactDecision> contenders = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                contenders.add(new ContactDecision(ANN.contactId() + i, i % 2 == 0 ? VerificationAction.DISPATCH
                        : VerificationAction.DISREGARD, START.plusSeconds(i), DecisionSource.RESPONSE_LINK));
            }

            List<Race.Result<Boolean>> results = Race.run(contenders.size(), i -> () -> transaction.execute(status ->
                    repository().claimDecision(verification.id(), contenders.get(i))));

            assertThat(results).noneMatch(Race.Result::failed);
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).value()) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(repository().find(verification.id()).orElseThrow().decision()).contains(contenders.get(winners.get(0)));
        }

        @Test
        void noDecisionIsClaimedForAClosedOrUnknownVerification() {
            Verification verification = contractVerification();
            repository().add(verification);
            assertThat(repository().close(verification.id(), VerificationState.CANCELLED, "alarm.resolved")).isTrue();

            assertThat(repository().claimDecision(verification.id(), decision(ANN.contactId(), VerificationAction.DISPATCH)))
                    .isFalse();
            assertThat(repository().claimDecision(UUID.randomUUID(), decision(ANN.contactId(), VerificationAction.DISPATCH)))
                    .isFalse();
            assertThat(repository().find(verification.id()).orElseThrow().decision()).isEmpty();
        }

        @Test
        void closesAnOpenVerificationOnceWithItsReason() {
            Verification verification = contractVerification();
            repository().add(verification);

            assertThat(repository().close(verification.id(), VerificationState.CANCELLED, "verification.cancelled")).isTrue();
            assertThat(repository().close(verification.id(), VerificationState.CLOSED_UNVERIFIED, "operator")).isFalse();

            VerificationRecord stored = repository().find(verification.id()).orElseThrow();
            assertThat(stored.state()).isEqualTo(VerificationState.CANCELLED);
            assertThat(stored.closeReason()).contains("verification.cancelled");
        }

        @Test
        void closesADecidedVerificationKeepingItsDecision() {
            Verification verification = contractVerification();
            repository().add(verification);
            ContactDecision decision = decision(ANN.contactId(), VerificationAction.DISPATCH);
            repository().claimDecision(verification.id(), decision);

            assertThat(repository().close(verification.id(), VerificationState.CLOSED_BY_CHEKT, "409 already closed")).isTrue();

            VerificationRecord stored = repository().find(verification.id()).orElseThrow();
            assertThat(stored.state()).isEqualTo(VerificationState.CLOSED_BY_CHEKT);
            assertThat(stored.decision()).contains(decision);
            assertThat(stored.closeReason()).contains("409 already closed");
        }

        @Test
        void storesTheStatesOfARefusedDispatchAndOfASupervisorsCancellation() {
            Verification refused = contractVerification();
            repository().add(refused);
            repository().claimDecision(refused.id(), decision(ANN.contactId(), VerificationAction.DISPATCH));
            Verification cancelled = verification(UUID.randomUUID(), 2, clock.instant());
            repository().add(cancelled);

            assertThat(repository().close(refused.id(), VerificationState.DISPATCH_NOT_TAKEN, "CHeKT answered 422")).isTrue();
            assertThat(repository().close(cancelled.id(), VerificationState.CANCELLED_BY_SUPERVISOR, "duplicate")).isTrue();

            assertThat(repository().find(refused.id()).orElseThrow().state()).isEqualTo(VerificationState.DISPATCH_NOT_TAKEN);
            assertThat(repository().findByState(VerificationState.CANCELLED_BY_SUPERVISOR, 10))
                    .extracting(r -> r.verification().id()).containsExactly(cancelled.id());
            assertThat(repository().close(refused.id(), VerificationState.CANCELLED_BY_SUPERVISOR, "later")).isFalse();
        }

        @Test
        void doesNotCloseASubmittedOrUnknownVerification() {
            Verification verification = contractVerification();
            repository().add(verification);
            repository().claimDecision(verification.id(), decision(ANN.contactId(), VerificationAction.DISPATCH));
            repository().markSubmitted(verification.id(), new SubmissionReceipt(5, UUID.randomUUID(), clock.instant(),
                    OptionalInt.empty()));

            assertThat(repository().close(verification.id(), VerificationState.CANCELLED, "too late")).isFalse();
            assertThat(repository().close(UUID.randomUUID(), VerificationState.CANCELLED, "unknown")).isFalse();
            assertThat(repository().find(verification.id()).orElseThrow().state()).isEqualTo(VerificationState.SUBMITTED);
        }

        @Test
        void refusesToCloseIntoAStateThatIsNotAnEnding() {
            Verification verification = contractVerification();
            repository().add(verification);

            assertThatThrownBy(() -> repository().close(verification.id(), VerificationState.SUBMITTED, "no"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(repository().find(verification.id()).orElseThrow().state()).isEqualTo(VerificationState.OPEN);
        }

        @Test
        void refusesToMarkSubmittedWithoutADecision() {
            Verification verification = contractVerification();
            repository().add(verification);

            assertThatThrownBy(() -> repository().markSubmitted(verification.id(),
                    new SubmissionReceipt(5, UUID.randomUUID(), clock.instant(), OptionalInt.of(200))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(repository().find(verification.id()).orElseThrow().state()).isEqualTo(VerificationState.OPEN);
        }

        @Test
        void listsASitesVerificationsInAnyStateNewestFirstUpToTheLimit() {
            Instant base = Instant.parse("2026-05-26T10:00:00Z");
            UUID older = UUID.randomUUID();
            UUID decided = UUID.randomUUID();
            UUID newest = UUID.randomUUID();
            repository().add(verification(older, 11, base));
            repository().add(verification(decided, 12, base.plusSeconds(10)));
            repository().add(verification(newest, 13, base.plusSeconds(20)));
            repository().claimDecision(decided, decision(ANN.contactId(), VerificationAction.DISPATCH));
            VerificationRequest elsewhere = TestVerifications.request(UUID.randomUUID(), 14, "motion", TestVerifications.CONTACTS);
            repository().add(new Verification(new ChektReference(new SiteRef("other-dealer", "other-site"), 14,
                    elsewhere.chekt().verificationId()), elsewhere.alarm(), new CallList(elsewhere.contacts()),
                    base.plusSeconds(30), AlarmClass.HIGH));

            assertThat(repository().findRecentAtSite(TestVerifications.SITE, 10)).extracting(r -> r.verification().id())
                    .containsExactly(newest, decided, older);
            assertThat(repository().findRecentAtSite(TestVerifications.SITE, 2)).extracting(r -> r.state())
                    .containsExactly(VerificationState.OPEN, VerificationState.DECIDED);
            assertThat(repository().findRecentAtSite(TestVerifications.SITE, 0)).isEmpty();
            assertThat(repository().findRecentAtSite(new SiteRef("nobody", "nowhere"), 10)).isEmpty();
        }

        @Test
        void listsVerificationsInAStateOldestFirstUpToTheLimit() {
            Instant base = Instant.parse("2026-05-26T10:00:00Z");
            UUID newest = UUID.randomUUID();
            UUID oldest = UUID.randomUUID();
            UUID middle = UUID.randomUUID();
            UUID decided = UUID.randomUUID();
            repository().add(verification(newest, 1, base.plusSeconds(30)));
            repository().add(verification(oldest, 2, base));
            repository().add(verification(middle, 3, base.plusSeconds(10)));
            repository().add(verification(decided, 4, base.minusSeconds(10)));
            repository().claimDecision(decided, decision(ANN.contactId(), VerificationAction.DISPATCH));
            NotifiedContact notified = new NotifiedContact(ANN.contactId(), 1, base.plusSeconds(1), NotificationDelivery.SENDING);
            repository().addNotified(oldest, notified);

            List<VerificationRecord> open = repository().findByState(VerificationState.OPEN, 10);
            assertThat(open).extracting(r -> r.verification().id()).containsExactly(oldest, middle, newest);
            assertThat(open.get(0).notified()).containsExactly(notified);
            assertThat(open.get(1).notified()).isEmpty();

            assertThat(repository().findByState(VerificationState.OPEN, 2)).extracting(r -> r.verification().id())
                    .containsExactly(oldest, middle);
            assertThat(repository().findByState(VerificationState.DECIDED, 10)).extracting(r -> r.verification().id())
                    .containsExactly(decided);
            assertThat(repository().findByState(VerificationState.CANCELLED, 10)).isEmpty();
            assertThat(repository().findByState(VerificationState.OPEN, 0)).isEmpty();

            assertThat(repository().countInStateReceivedBefore(VerificationState.OPEN, base.plusSeconds(10))).isEqualTo(1);
            assertThat(repository().countInStateReceivedBefore(VerificationState.OPEN, base.plusSeconds(31))).isEqualTo(3);
            assertThat(repository().countInStateReceivedBefore(VerificationState.DECIDED, base)).isEqualTo(1);
            assertThat(repository().countInStateReceivedBefore(VerificationState.CANCELLED, base.plusSeconds(31))).isZero();
        }

        @Test
        void refusesToRecordTheSamePositionTwice() {
            Verification verification = contractVerification();
            repository().add(verification);
            repository().addNotified(verification.id(),
                    new NotifiedContact(ANN.contactId(), 1, clock.instant(), NotificationDelivery.DELIVERED));

            assertThatThrownBy(() -> repository().addNotified(verification.id(),
                    new NotifiedContact(BEN.contactId(), 1, clock.instant(), NotificationDelivery.DELIVERED)))
                    .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
            assertThat(repository().find(verification.id()).orElseThrow().notified())
                    .extracting(NotifiedContact::contactId).containsExactly(ANN.contactId());
        }
    }
}
