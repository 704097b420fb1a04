package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.UnitOfWork;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class JdbcResponseLinkStoresTest {

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

        private static final String HASH = "a".repeat(64);

        Contract(Engine engine) {
            super(engine);
        }

        @BeforeEach
        void storeTheContractVerification() {
            storeContractVerification();
        }

        ResponseTokenStore tokens() {
            return adapter(ResponseTokenStore.class);
        }

        VerificationRepository verifications() {
            return adapter(VerificationRepository.class);
        }

        @Test
        void aTokenRoundTripsByItsHashAndIsUsedExactlyOnce() {
            ResponseToken token = new ResponseToken(HASH, CONTRACT_VERIFICATION_ID, 67890, clock.instant().plus(Duration.ofHours(24)),
                    Optional.empty());
            tokens().save(token);

            assertThat(tokens().find(HASH)).contains(token);
            assertThat(tokens().find("b".repeat(64))).isEmpty();
            assertThat(tokens().markUsed(HASH, clock.instant())).isTrue();
            assertThat(tokens().markUsed(HASH, clock.instant().plusSeconds(1))).isFalse();
            assertThat(tokens().find(HASH).orElseThrow().usedAt()).contains(SqlInstants.toSql(clock.instant()).toInstant());
        }

        @Test
        void aTokenAndItsNotifiedContactCommittedOnTheirOwnSurviveTheRollbackOfTheNotificationJob() {
            NotifiedContact sending = new NotifiedContact(67890, 1, clock.instant(), NotificationDelivery.SENDING);
            transaction.executeWithoutResult(job -> {
                adapter(UnitOfWork.class).inOneTransaction(() -> {
                    tokens().save(new ResponseToken(HASH, CONTRACT_VERIFICATION_ID, 67890, clock.instant().plusSeconds(60),
                            Optional.empty()));
                    verifications().addNotified(CONTRACT_VERIFICATION_ID, sending);
                    return null;
                });
                verifications().updateNotified(CONTRACT_VERIFICATION_ID, sending.settled(NotificationDelivery.DELIVERED));
                job.setRollbackOnly();
            });

            assertThat(tokens().find(HASH)).isPresent();
            assertThat(verifications().find(CONTRACT_VERIFICATION_ID).orElseThrow().notified()).containsExactly(sending);
        }

        @Test
        void aTokenIsNotStoredWithoutItsNotifiedContact() {
            verifications().addNotified(CONTRACT_VERIFICATION_ID,
                    new NotifiedContact(67891, 1, clock.instant(), NotificationDelivery.DELIVERED));

            assertThatThrownBy(() -> adapter(UnitOfWork.class).inOneTransaction(() -> {
                tokens().save(new ResponseToken(HASH, CONTRACT_VERIFICATION_ID, 67890, clock.instant().plusSeconds(60),
                        Optional.empty()));
                verifications().addNotified(CONTRACT_VERIFICATION_ID,
                        new NotifiedContact(67890, 1, clock.instant(), NotificationDelivery.SENDING));
                return null;
            })).isInstanceOf(DuplicateKeyException.class);

            assertThat(tokens().find(HASH)).isEmpty();
        }

        @Test
        void aNotifiedContactIsSettledAtItsPlace() {
            NotifiedContact sending = new NotifiedContact(67890, 1, clock.instant(), NotificationDelivery.SENDING);
            verifications().addNotified(CONTRACT_VERIFICATION_ID, sending);
            clock.advance(Duration.ofSeconds(5));

            NotifiedContact again = new NotifiedContact(67890, 1, clock.instant(), NotificationDelivery.UNCONFIRMED);
            assertThat(verifications().updateNotified(CONTRACT_VERIFICATION_ID, again)).isTrue();
            assertThat(verifications().updateNotified(CONTRACT_VERIFICATION_ID,
                    new NotifiedContact(67890, 2, clock.instant(), NotificationDelivery.FAILED))).isFalse();

            assertThat(verifications().find(CONTRACT_VERIFICATION_ID).orElseThrow().notified()).containsExactly(again);
            assertThat(database.count("SELECT COUNT(*) FROM notified_contact WHERE delivered")).isZero();
            verifications().updateNotified(CONTRACT_VERIFICATION_ID, again.settled(NotificationDelivery.DELIVERED));
            assertThat(database.count("SELECT COUNT(*) FROM notified_contact WHERE delivered")).isEqualTo(1);
        }

        @Test
        void ofConcurrentClicksExactlyOneUsesTheToken() throws InterruptedException {
            tokens().save(new ResponseToken(HASH, CONTRACT_VERIFICATION_ID, 67890, clock.instant().plusSeconds(60), Optional.empty()));

            List<Race.Result<Boolean>> results = Race.run(6, i -> () -> transaction.execute(status ->
                    tokens().markUsed(HASH, clock.instant())));

            assertThat(results).noneMatch(Race.Result::failed);
            assertThat(results).filteredOn(Race.Result::value).hasSize(1);
        }

        @Test
        void notificationAttemptsSurviveTheRollbackOfTheJobThatMadeThem() {
            NotificationLog log = adapter(NotificationLog.class);
            transaction.executeWithoutResult(status -> {
                log.record(new NotificationAttempt(CONTRACT_VERIFICATION_ID, 67890, "sms", "+15550100001", clock.instant(),
                        false, "gateway answered 503"));
                status.setRollbackOnly();
            });
            clock.advance(Duration.ofSeconds(10));
            log.record(new NotificationAttempt(CONTRACT_VERIFICATION_ID, 67890, "sms", "+15550100001", clock.instant(),
                    true, "SM123"));
            log.record(new NotificationAttempt(CONTRACT_VERIFICATION_ID, 67890, "email", "a@example.com", clock.instant(),
                    false, "mail server did not answer", true));

            assertThat(log.attempts(CONTRACT_VERIFICATION_ID))
                    .extracting(NotificationAttempt::result, NotificationAttempt::detail)
                    .containsExactly(tuple("failed", "gateway answered 503"),
                            tuple("delivered", "SM123"), tuple("unconfirmed", "mail server did not answer"));
            assertThat(log.attempts(UUID.randomUUID())).isEmpty();
        }
    }
}
