package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.Tombstone;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JdbcCancellationTombstonesTest {

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

        CancellationTombstones tombstones() {
            return adapter(CancellationTombstones.class);
        }

        @Test
        void aRequestAfterATombstoneFindsIt() {
            UUID id = UUID.randomUUID();
            Tombstone tombstone = new Tombstone(id, "verification.cancelled", clock.instant());
            assertThat(tombstones().leave(tombstone)).isTrue();

            assertThat(tombstones().requestArrived(id, clock.instant().plusSeconds(30))).contains(tombstone);
        }

        @Test
        void aTombstoneIsReadWithoutNotingTheRequestAndARequestNotedIsNone() {
            UUID cancelled = UUID.randomUUID();
            UUID requested = UUID.randomUUID();
            tombstones().leave(new Tombstone(cancelled, "alarm.resolved", clock.instant()));
            tombstones().requestArrived(requested, clock.instant());

            assertThat(tombstones().cancellation(cancelled)).hasValueSatisfying(t -> assertThat(t.reason()).isEqualTo("alarm.resolved"));
            assertThat(tombstones().cancellation(cancelled)).as("reading noted nothing").isPresent();
            assertThat(tombstones().cancellation(requested)).isEmpty();
            assertThat(tombstones().cancellation(UUID.randomUUID())).isEmpty();
        }

        @Test
        void aCancellationAfterTheRequestLeavesNoTombstone() {
            UUID id = UUID.randomUUID();
            assertThat(tombstones().requestArrived(id, clock.instant())).isEmpty();

            assertThat(tombstones().leave(new Tombstone(id, "alarm.resolved", clock.instant()))).isFalse();
            assertThat(database.count("SELECT COUNT(*) FROM verification_signal WHERE first_signal = 'alarm.resolved'")).isZero();
        }

        @Test
        void aSecondTombstoneKeepsTheFirstAndLeavesTheCallersTransactionUsable() {
            UUID id = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            transaction.executeWithoutResult(status -> {
                assertThat(tombstones().leave(new Tombstone(id, "verification.cancelled", clock.instant()))).isTrue();
                assertThat(tombstones().leave(new Tombstone(id, "alarm.resolved", clock.instant()))).isFalse();
                // On PostgreSQL this fails with "current transaction is aborted" unless the insert had its savepoint.
                assertThat(tombstones().leave(new Tombstone(other, "alarm.resolved", clock.instant()))).isTrue();
            });

            assertThat(tombstones().requestArrived(id, clock.instant())).map(Tombstone::reason).contains("verification.cancelled");
            assertThat(tombstones().requestArrived(other, clock.instant())).isPresent();
        }

        @Test
        void aTombstoneWaitsForAnUncommittedRequestAndThenYieldsToIt() throws Exception {
            UUID id = UUID.randomUUID();
            CountDownLatch noted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Optional<Tombstone>> request = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
                Optional<Tombstone> found = tombstones().requestArrived(id, clock.instant());
                noted.countDown();
                Race.awaitSignal(release);
                return found;
            }));
            assertThat(noted.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Boolean> cancellation = CompletableFuture.supplyAsync(() -> transaction.execute(status ->
                    tombstones().leave(new Tombstone(id, "verification.cancelled", clock.instant()))));
            await().atMost(Duration.ofSeconds(10)).until(() -> cancellation.isDone() || database.blockedSessions() > 0);
            release.countDown();

            assertThat(request.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(cancellation.get(10, TimeUnit.SECONDS)).isFalse();
        }

        @Test
        void aRequestWaitsForAnUncommittedTombstoneAndThenSeesIt() throws Exception {
            UUID id = UUID.randomUUID();
            Tombstone tombstone = new Tombstone(id, "alarm.resolved", clock.instant());
            CountDownLatch left = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> cancellation = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
                boolean first = tombstones().leave(tombstone);
                left.countDown();
                Race.awaitSignal(release);
                return first;
            }));
            assertThat(left.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Optional<Tombstone>> request = CompletableFuture.supplyAsync(() -> transaction.execute(status ->
                    tombstones().requestArrived(id, clock.instant())));
            await().atMost(Duration.ofSeconds(10)).until(() -> request.isDone() || database.blockedSessions() > 0);
            release.countDown();

            assertThat(cancellation.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(request.get(10, TimeUnit.SECONDS)).contains(tombstone);
        }

        @Test
        void forgetsSignalsOlderThanTheCutoff() {
            UUID old = UUID.randomUUID();
            UUID recent = UUID.randomUUID();
            tombstones().leave(new Tombstone(old, "verification.cancelled", clock.instant()));
            tombstones().requestArrived(recent, clock.instant().plus(Duration.ofHours(2)));

            assertThat(tombstones().forgetBefore(clock.instant().plus(Duration.ofHours(1)))).isEqualTo(1);

            assertThat(tombstones().requestArrived(old, clock.instant().plus(Duration.ofHours(3)))).isEmpty();
            assertThat(tombstones().leave(new Tombstone(recent, "alarm.resolved", clock.instant()))).isFalse();
        }

    }
}
