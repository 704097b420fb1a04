package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.ExpiredRecords;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.VerificationRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcExpiredRecordsTest {

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

        private static final Duration RETENTION = Duration.ofDays(400);
        private final AtomicLong alarmIds = new AtomicLong(100);

        Contract(Engine engine) {
            super(engine);
        }

        @Test
        void theRecordsOfVerificationsEndedBeforeTheCutoffGoAndThoseOfOpenAndRecentOnesStay() {
            UUID endedLongAgo = verificationWithRecords(Optional.of(VerificationState.CLOSED_UNVERIFIED));
            UUID stillOpen = verificationWithRecords(Optional.empty());
            clock.advance(Duration.ofDays(300));
            UUID endedRecently = verificationWithRecords(Optional.of(VerificationState.CANCELLED_BY_SUPERVISOR));
            clock.advance(Duration.ofDays(300));
            // the first ended 600 days ago, the recent one 300 days ago: only the first is past 400 days

            int removed = records().removeOfVerificationsEndedBefore(clock.instant().minus(RETENTION), 100);

            assertThat(removed).isEqualTo(3);
            assertThat(rowsOf(endedLongAgo)).isZero();
            assertThat(rowsOf(stillOpen)).isEqualTo(3);
            assertThat(rowsOf(endedRecently)).isEqualTo(3);
            assertThat(adapter(VerificationRepository.class).find(endedLongAgo)).as("the verification itself stays")
                    .hasValueSatisfying(record -> assertThat(record.state()).isEqualTo(VerificationState.CLOSED_UNVERIFIED));
            assertThat(records().removeOfVerificationsEndedBefore(clock.instant().minus(RETENTION), 100)).isZero();
        }

        @Test
        void eachCallTakesAtMostTheBatchOfVerificationsLongestEndedFirst() {
            UUID first = verificationWithRecords(Optional.of(VerificationState.CANCELLED));
            clock.advance(Duration.ofMinutes(1));
            UUID second = verificationWithRecords(Optional.of(VerificationState.CLOSED_BY_CHEKT));
            clock.advance(Duration.ofMinutes(1));
            UUID third = verificationWithRecords(Optional.of(VerificationState.DISPATCH_NOT_TAKEN));
            clock.advance(RETENTION.plusDays(1));
            Instant cutoff = clock.instant().minus(RETENTION);

            assertThat(records().removeOfVerificationsEndedBefore(cutoff, 2)).isEqualTo(6);
            assertThat(rowsOf(first)).isZero();
            assertThat(rowsOf(second)).isZero();
            assertThat(rowsOf(third)).isEqualTo(3);
            assertThat(records().removeOfVerificationsEndedBefore(cutoff, 2)).isEqualTo(3);
            assertThat(records().removeOfVerificationsEndedBefore(cutoff, 2)).isZero();
        }

        @Test
        void deliveriesOfNoStoredVerificationGoOnceTheyAreOlderThanTheCutoff() {
            DeliveryInbox inbox = adapter(DeliveryInbox.class);
            inbox.firstDelivery("evt_old", "alarm.resolved", null, body(), clock.instant());
            inbox.firstDelivery("evt_unknown", "verification.cancelled", UUID.randomUUID(), body(), clock.instant());
            clock.advance(RETENTION.plusDays(1));
            inbox.firstDelivery("evt_new", "alarm.resolved", null, body(), clock.instant());

            assertThat(records().removeUnattachedDeliveriesBefore(clock.instant().minus(RETENTION), 100)).isEqualTo(2);
            assertThat(database.jdbc().queryForList("SELECT event_id FROM webhook_delivery", String.class))
                    .containsExactly("evt_new");
        }

        private ExpiredRecords records() {
            return adapter(ExpiredRecords.class);
        }

        /** A verification with one raw delivery, one response token and one notification attempt, ended or not. */
        private UUID verificationWithRecords(Optional<VerificationState> endedAs) {
            UUID id = UUID.randomUUID();
            VerificationRequest request = TestVerifications.request(id, alarmIds.incrementAndGet(), "motion",
                    TestVerifications.CONTACTS);
            adapter(VerificationRepository.class).add(new Verification(request.chekt(), request.alarm(),
                    new CallList(request.contacts()), clock.instant(), AlarmClass.NORMAL));
            adapter(DeliveryInbox.class).firstDelivery("evt_" + id, "verification.requested", id, body(), clock.instant());
            adapter(ResponseTokenStore.class).save(new ResponseToken(ResponseToken.hashOf("raw-" + id), id, 67890,
                    clock.instant().plus(Duration.ofHours(24)), Optional.empty()));
            adapter(NotificationLog.class).record(new NotificationAttempt(id, 67890, "sms", "+15550100001",
                    clock.instant(), true, "SM1"));
            endedAs.ifPresent(state -> assertThat(adapter(VerificationRepository.class).close(id, state, "test")).isTrue());
            return id;
        }

        private int rowsOf(UUID id) {
            int rows = 0;
            for (String table : new String[]{"webhook_delivery", "response_token", "notification_attempt"}) {
                rows += database.jdbc().queryForObject("SELECT COUNT(*) FROM " + table + " WHERE verification_id = ?",
                        Integer.class, id);
            }
            return rows;
        }

        private static byte[] body() {
            return "{\"event\":\"test\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
