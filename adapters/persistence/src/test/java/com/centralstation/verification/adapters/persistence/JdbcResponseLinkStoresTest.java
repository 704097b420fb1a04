package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.VerificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
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
            VerificationRequest request = TestVerifications.contractRequest();
            adapter(VerificationRepository.class).add(new Verification(request.chekt(), request.alarm(),
                    new CallList(request.contacts()), clock.instant()));
        }

        ResponseTokenStore tokens() {
            return adapter(ResponseTokenStore.class);
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
        void aSavedTokenSurvivesTheRollbackOfTheNotificationJobThatSentIt() {
            transaction.executeWithoutResult(status -> {
                tokens().save(new ResponseToken(HASH, CONTRACT_VERIFICATION_ID, 67890, clock.instant().plusSeconds(60),
                        Optional.empty()));
                status.setRollbackOnly();
            });

            assertThat(tokens().find(HASH)).isPresent();
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

            assertThat(log.attempts(CONTRACT_VERIFICATION_ID))
                    .extracting(NotificationAttempt::delivered, NotificationAttempt::detail)
                    .containsExactly(tuple(false, "gateway answered 503"),
                            tuple(true, "SM123"));
            assertThat(log.attempts(UUID.randomUUID())).isEmpty();
        }
    }
}
