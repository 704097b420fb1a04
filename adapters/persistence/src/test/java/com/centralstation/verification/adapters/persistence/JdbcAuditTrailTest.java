package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditChainCheck;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.AuditTrailHead;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.VerificationRequest;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class JdbcAuditTrailTest {

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

        private final UUID verificationId = UUID.randomUUID();

        Contract(Engine engine) {
            super(engine);
        }

        AuditTrail audit() {
            return adapter(AuditTrail.class);
        }

        AuditEvent event(AuditEventType type, Instant at, Map<String, String> details) {
            return new AuditEvent(verificationId, at, type, Actor.ENGINE, details);
        }

        @Test
        void readsATimelineBackOldestFirstWithItsDetails() {
            AuditEvent received = new AuditEvent(verificationId, Instant.parse("2026-05-26T10:21:34.000001Z"),
                    AuditEventType.VERIFICATION_RECEIVED, Actor.CHEKT, Map.of("alarmId", "A-10293", "contacts", "3"));
            AuditEvent notified = event(AuditEventType.CONTACT_NOTIFIED, Instant.parse("2026-05-26T10:21:35Z"),
                    Map.of("contactId", "67890", "position", "1"));
            AuditEvent submitted = new AuditEvent(verificationId, Instant.parse("2026-05-26T10:23:02.5Z"),
                    AuditEventType.DECISION_SUBMITTED, Actor.contact(67890),
                    Map.of("traceId", UUID.randomUUID().toString(), "message", "quotes \" and \\ and ümlaut ✓\nnewline"));
            AuditEvent otherVerification = new AuditEvent(UUID.randomUUID(), Instant.parse("2026-05-26T10:21:36Z"),
                    AuditEventType.CANCELLED, Actor.CHEKT, Map.of());
            audit().record(submitted);
            audit().record(otherVerification);
            audit().record(received);
            audit().recordIndependently(notified);

            assertThat(audit().timeline(verificationId)).containsExactly(received, notified, submitted);
        }

        @Test
        void keepsTheOrderOfWritingForEventsOfTheSameInstant() {
            Instant same = Instant.parse("2026-05-26T10:21:34Z");
            AuditEvent refused = event(AuditEventType.DECISION_REFUSED, same, Map.of("reason", "already decided"));
            AuditEvent received = event(AuditEventType.DECISION_RECEIVED, same, Map.of());
            audit().record(refused);
            audit().record(received);

            assertThat(audit().timeline(verificationId)).containsExactly(refused, received);
        }

        @Test
        void anEventRecordedInTheCallersTransactionRollsBackWithIt() {
            AuditEvent event = event(AuditEventType.DECISION_SUBMITTED, clock.instant(), Map.of());
            transaction.executeWithoutResult(status -> {
                audit().record(event);
                status.setRollbackOnly();
            });

            assertThat(audit().timeline(verificationId)).isEmpty();
        }

        @Test
        void anIndependentlyRecordedEventSurvivesTheCallersRollback() {
            AuditEvent step = event(AuditEventType.DECISION_SUBMITTED, clock.instant(), Map.of());
            AuditEvent failure = event(AuditEventType.SUBMISSION_FAILED, clock.instant().plusMillis(1),
                    Map.of("status", "503"));

            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                audit().record(step);
                audit().recordIndependently(failure);
                throw new IllegalStateException("CHeKT unavailable");
            })).hasMessage("CHeKT unavailable");

            assertThat(audit().timeline(verificationId)).containsExactly(failure);
        }

        @Test
        void aWriterHoldsOneConnectionAndItsRowsAreSealedAfterItsCommit() throws Exception {
            // One connection in the pool: a seal that needed a second one while the writer still held its own
            // (as an after-commit callback does) would wait for the pool's timeout and fail the commit.
            try (HikariDataSource oneConnection = database.poolOfOne();
                 JdbcAuditTrail trail = (JdbcAuditTrail) new PersistenceConfiguration().jdbcAuditTrail(oneConnection,
                         new JdbcTransactionManager(oneConnection), new AuditChainProperties(CHAIN_KEY), clock)) {
                TransactionTemplate writer = new TransactionTemplate(new JdbcTransactionManager(oneConnection));
                writer.executeWithoutResult(status -> {
                    trail.record(event(AuditEventType.VERIFICATION_RECEIVED, clock.instant(), Map.of()));
                    trail.record(event(AuditEventType.POLICY_APPLIED, clock.instant().plusSeconds(1), Map.of()));
                    trail.record(event(AuditEventType.CONTACT_NOTIFIED, clock.instant().plusSeconds(2), Map.of()));
                });

                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(database.count(
                        "SELECT COUNT(*) FROM audit_event WHERE verification_id = ? AND chain_position IS NOT NULL",
                        verificationId)).as("rows sealed without a check asking").isEqualTo(3));
                AuditChainCheck check = trail.checkChain(verificationId);
                assertThat(check.verifies()).as("%s", check).isTrue();
                assertThat(check.rowsChecked()).isEqualTo(3);
            }
        }

        @Test
        void rowsOfMoreVerificationsThanOneSealingBatchCommittedAtOnceAreAllSealedInTheirOwnChains() {
            List<UUID> verifications = IntStream.range(0, AuditSealer.BATCH + 20).mapToObj(i -> UUID.randomUUID()).toList();
            PublishedHeads published = PublishedHeads.capture();
            try {
                transaction.executeWithoutResult(status -> verifications.forEach(id -> {
                    audit().record(new AuditEvent(id, clock.instant(), AuditEventType.VERIFICATION_RECEIVED, Actor.CHEKT, Map.of()));
                    audit().record(new AuditEvent(id, clock.instant().plusSeconds(1), AuditEventType.POLICY_APPLIED, Actor.ENGINE,
                            Map.of("step", "intake")));
                }));

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(database.count(
                        "SELECT COUNT(*) FROM audit_event WHERE chain_position IS NOT NULL")).isEqualTo(2 * verifications.size()));
                assertThat(database.count("SELECT COUNT(*) FROM audit_event WHERE chain_position = 2")).isEqualTo(verifications.size());
                for (UUID id : List.of(verifications.get(0), verifications.get(AuditSealer.BATCH), verifications.get(verifications.size() - 1))) {
                    AuditChainCheck check = audit().checkChain(id);
                    assertThat(check.verifies()).as("%s", check).isTrue();
                    assertThat(check.rowsChecked()).isEqualTo(2);
                    // a batch publishes each chain's head as a seal of one verification does
                    assertThat(published.last(id)).contains("sealed to position 2")
                            .endsWith("head " + check.head().orElseThrow().hash());
                }
            } finally {
                published.stop();
            }
        }

        @Test
        void recordsForAVerificationNotYetCommitted() {
            // The audit table has no foreign key: an independent event must not wait on, or fail for,
            // a verification row the caller's transaction is still holding.
            AuditEvent event = event(AuditEventType.NOTIFICATION_FAILED, clock.instant(), Map.of("permanent", "false"));
            VerificationRequest request = TestVerifications.request(verificationId, 1, "motion", TestVerifications.CONTACTS);
            Verification held = new Verification(request.chekt(), request.alarm(), new CallList(request.contacts()),
                    clock.instant(), AlarmClass.HIGH);

            // A foreign key would refuse this write on both databases: the held row is invisible outside its
            // transaction. Preemptive, so that a write waiting on the held row's lock could not hang the suite.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> transaction.executeWithoutResult(status -> {
                adapter(VerificationRepository.class).add(held);
                assertThat(verificationRows()).as("the row, seen from the transaction holding it").isEqualTo(1);
                audit().recordIndependently(event);
                status.setRollbackOnly();
            }));

            assertThat(verificationRows()).as("the verification was never committed").isZero();
            assertThat(audit().timeline(verificationId)).containsExactly(event);
        }

        private int verificationRows() {
            return database.count("SELECT COUNT(*) FROM verification WHERE verification_id = ?", verificationId);
        }

        @Test
        void theHashChainOfEventsWrittenEveryWayVerifies() {
            audit().record(event(AuditEventType.VERIFICATION_RECEIVED, clock.instant(), Map.of("alarmId", "A-1")));
            transaction.executeWithoutResult(status -> {
                audit().record(event(AuditEventType.ESCALATED, clock.instant().plusSeconds(120), Map.of("step", "2")));
                audit().recordIndependently(event(AuditEventType.NOTIFICATION_FAILED, clock.instant().plusSeconds(121),
                        Map.of("permanent", "false")));
                audit().record(event(AuditEventType.CONTACT_NOTIFIED, clock.instant().plusSeconds(122), Map.of()));
            });
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                audit().record(event(AuditEventType.DECISION_SUBMITTED, clock.instant().plusSeconds(130), Map.of()));
                audit().recordIndependently(event(AuditEventType.SUBMISSION_FAILED, clock.instant().plusSeconds(131),
                        Map.of("status", "503")));
                throw new IllegalStateException("CHeKT unavailable");
            })).hasMessage("CHeKT unavailable");

            AuditChainCheck check = audit().checkChain(verificationId);

            assertThat(check.verifies()).as("%s", check).isTrue();
            assertThat(check.rowsChecked()).isEqualTo(5);
            assertThat(database.count("SELECT COUNT(DISTINCT row_hash) FROM audit_event WHERE verification_id = ?",
                    verificationId)).isEqualTo(5);
        }

        @Test
        void aRowRewrittenInTheDatabaseIsReportedAsTheFirstTamperedRow() {
            recordFiveEvents();
            database.jdbc().update("UPDATE audit_event SET details = '{\"action\":\"disregard\"}'"
                    + " WHERE verification_id = ? AND chain_position = 3", verificationId);

            AuditChainCheck check = audit().checkChain(verificationId);

            assertThat(check.verifies()).isFalse();
            assertThat(check.firstTampered()).get().satisfies(row -> {
                assertThat(row.position()).isEqualTo(3);
                assertThat(row.type()).isEqualTo("CONTACT_NOTIFIED");
                assertThat(row.reason()).contains("content does not match its hash");
            });
        }

        @Test
        void aRowRemovedFromTheMiddleIsReportedAtTheRowAfterIt() {
            recordFiveEvents();
            database.jdbc().update("DELETE FROM audit_event WHERE verification_id = ? AND chain_position = 2", verificationId);

            AuditChainCheck check = audit().checkChain(verificationId);

            assertThat(check.verifies()).isFalse();
            assertThat(check.firstTampered()).get().extracting(AuditChainCheck.TamperedRow::position).isEqualTo(3L);
        }

        @Test
        void aRowWhoseOwnHashWasForgedStillBreaksTheLinkToTheNextRow() {
            recordFiveEvents();
            String previous = database.jdbc().queryForObject(
                    "SELECT previous_hash FROM audit_event WHERE verification_id = ? AND chain_position = 2",
                    String.class, verificationId);
            // forged with the key itself: even so, the next row's link gives it away
            String forged = new AuditRowHash(CHAIN_KEY).of(previous, verificationId, clock.instant().plusSeconds(1), "ESCALATED",
                    "engine", "{}");
            database.jdbc().update("UPDATE audit_event SET details = '{}', row_hash = ?"
                    + " WHERE verification_id = ? AND chain_position = 2", forged, verificationId);

            AuditChainCheck check = audit().checkChain(verificationId);

            assertThat(check.firstTampered()).get().satisfies(row -> {
                assertThat(row.position()).isEqualTo(3);
                assertThat(row.reason()).contains("previous hash does not match");
            });
        }

        @Test
        void aCheckSealsNothingAndReportsRowsWhoseSealWasRemovedAsUnsealed() {
            recordFiveEvents();
            database.jdbc().update("UPDATE audit_event SET chain_position = NULL, previous_hash = NULL, row_hash = NULL,"
                    + " details = '{\"action\":\"disregard\"}' WHERE verification_id = ? AND chain_position >= 4", verificationId);

            AuditChainCheck check = audit().checkChain(verificationId);

            assertThat(check.verifies()).isFalse();
            assertThat(check.firstTampered()).isEmpty();
            assertThat(check.rowsChecked()).isEqualTo(3);
            assertThat(check.rowsUnsealed()).isEqualTo(2);
            assertThat(check.head()).get().extracting(AuditChainCheck.Head::position).isEqualTo(3L);
            assertThat(database.count("SELECT COUNT(*) FROM audit_event WHERE verification_id = ? AND chain_position IS NULL",
                    verificationId)).as("still unsealed after the check").isEqualTo(2);
        }

        @Test
        void aSealRemovedBetweenSealedRowsIsTampering() {
            recordFiveEvents();
            database.jdbc().update("UPDATE audit_event SET chain_position = NULL, previous_hash = NULL, row_hash = NULL"
                    + " WHERE verification_id = ? AND chain_position = 2", verificationId);

            AuditChainCheck check = audit().checkChain(verificationId);

            assertThat(check.firstTampered()).get().satisfies(row -> {
                assertThat(row.position()).isEqualTo(3);
                assertThat(row.reason()).contains("where 2 was expected");
            });
            assertThat(check.rowsUnsealed()).isEqualTo(1);
        }

        @Test
        void rowsSwappedInTheChainAreTampering() {
            recordFiveEvents();
            database.jdbc().update("UPDATE audit_event SET chain_position = 99 WHERE verification_id = ? AND chain_position = 2",
                    verificationId);
            database.jdbc().update("UPDATE audit_event SET chain_position = 2 WHERE verification_id = ? AND chain_position = 3",
                    verificationId);
            database.jdbc().update("UPDATE audit_event SET chain_position = 3 WHERE verification_id = ? AND chain_position = 99",
                    verificationId);

            assertThat(audit().checkChain(verificationId).firstTampered()).get().satisfies(row -> {
                assertThat(row.position()).isEqualTo(2);
                assertThat(row.reason()).contains("previous hash does not match");
            });
        }

        @Test
        void aChainRecomputedWithoutTheKeyDoesNotVerify() {
            recordFiveEvents();
            database.jdbc().update("UPDATE audit_event SET details = '{\"action\":\"disregard\"}'"
                    + " WHERE verification_id = ? AND chain_position = 3", verificationId);
            // what someone who can write the database but has not the key can do: the unkeyed hash, recomputed end to end
            List<String[]> rows = database.jdbc().query("SELECT id, occurred_at, type, actor, details FROM audit_event"
                    + " WHERE verification_id = ? ORDER BY chain_position", (row, n) -> new String[]{row.getString("id"),
                    SqlInstants.fromSql(row, "occurred_at").toString(), row.getString("type"), row.getString("actor"),
                    row.getString("details")}, verificationId);
            String previous = null;
            for (String[] row : rows) {
                String recomputed = AuditRowHash.unkeyed(previous, verificationId, Instant.parse(row[1]), row[2], row[3], row[4]);
                database.jdbc().update("UPDATE audit_event SET previous_hash = ?, row_hash = ? WHERE id = ?", previous,
                        recomputed, Long.parseLong(row[0]));
                previous = recomputed;
            }

            AuditChainCheck check = audit().checkChain(verificationId);

            assertThat(check.firstTampered()).get().satisfies(row -> {
                assertThat(row.position()).isEqualTo(1);
                assertThat(row.reason()).contains("computed without the chain's key");
            });
        }

        @Test
        void removingTheNewestRowsLeavesAShorterChainThanItsPublishedHead() {
            PublishedHeads published = PublishedHeads.capture();
            try {
                recordFiveEvents();
                AuditChainCheck before = audit().checkChain(verificationId);
                long newestRow = audit().newestSealedRow().orElseThrow().row();
                database.jdbc().update("DELETE FROM audit_event WHERE verification_id = ? AND chain_position >= 4", verificationId);

                AuditChainCheck after = audit().checkChain(verificationId);

                assertThat(after.verifies()).as("a prefix of a chain is a valid chain").isTrue();
                assertThat(published.last(verificationId)).contains("sealed to position 5")
                        .endsWith("head " + before.head().orElseThrow().hash());
                assertThat(after.head()).get().extracting(AuditChainCheck.Head::position).isEqualTo(3L);
                assertThat(audit().newestSealedRow()).get().extracting(AuditTrailHead::row).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.LONG).isLessThan(newestRow);
            } finally {
                published.stop();
            }
        }

        @Test
        void concurrentAppendsToOneVerificationFormOneUnbrokenChain() throws InterruptedException {
            int writers = 8;
            int eventsEach = 5;
            List<Race.Result<Void>> results = Race.run(writers, writer -> () -> {
                transaction.executeWithoutResult(status -> IntStream.range(0, eventsEach).forEach(i -> {
                    AuditEvent event = event(AuditEventType.CONTACT_NOTIFIED, clock.instant(),
                            Map.of("writer", String.valueOf(writer), "event", String.valueOf(i)));
                    if (i % 2 == 0) {
                        audit().record(event);
                    } else {
                        audit().recordIndependently(event);
                    }
                }));
                return null;
            });

            assertThat(results).noneMatch(Race.Result::failed);
            AuditChainCheck check = audit().checkChain(verificationId);
            assertThat(check.verifies()).as("%s", check).isTrue();
            assertThat(check.rowsChecked()).isEqualTo(writers * eventsEach);
        }

        @Test
        void policyStepsAreHandedOverNewestFirstAcrossVerificationsBySinceOrByTheLatestVerificationsUpToALimit() {
            UUID older = UUID.randomUUID();
            UUID newer = UUID.randomUUID();
            AuditEvent oldStep = new AuditEvent(older, clock.instant(), AuditEventType.POLICY_APPLIED, Actor.ENGINE, Map.of("step", "initial"));
            AuditEvent mine = event(AuditEventType.POLICY_APPLIED, clock.instant().plusSeconds(60), Map.of("step", "initial"));
            AuditEvent myLater = event(AuditEventType.POLICY_APPLIED, clock.instant().plusSeconds(180), Map.of("step", "2min"));
            AuditEvent newStep = new AuditEvent(newer, clock.instant().plusSeconds(120), AuditEventType.POLICY_APPLIED, Actor.ENGINE,
                    Map.of("step", "initial"));
            List.of(oldStep, mine, newStep, myLater).forEach(audit()::record);
            audit().record(event(AuditEventType.ESCALATED, clock.instant().plusSeconds(180), Map.of("step", "2min")));

            List<AuditEvent> handed = new ArrayList<>();

            assertThat(audit().eachOfTypeSince(AuditEventType.POLICY_APPLIED, clock.instant().plusSeconds(60), 10, handed::add))
                    .isEqualTo(3);
            assertThat(handed).containsExactly(myLater, newStep, mine);
            handed.clear();
            assertThat(audit().eachOfTypeForLatestVerifications(AuditEventType.POLICY_APPLIED, 2, 10, handed::add)).isEqualTo(3);
            assertThat(handed).containsExactly(myLater, newStep, mine);
            handed.clear();
            assertThat(audit().eachOfTypeForLatestVerifications(AuditEventType.POLICY_APPLIED, 1, 10, handed::add)).isEqualTo(2);
            assertThat(handed).containsExactly(myLater, mine);
            handed.clear();
            assertThat(audit().eachOfTypeSince(AuditEventType.POLICY_APPLIED, clock.instant(), 2, handed::add)).isEqualTo(2);
            assertThat(handed).containsExactly(myLater, newStep);
        }

        private void recordFiveEvents() {
            IntStream.range(0, 5).forEach(i -> audit().record(event(
                    i == 2 ? AuditEventType.CONTACT_NOTIFIED : AuditEventType.ESCALATED,
                    clock.instant().plusSeconds(i), Map.of("action", "dispatch", "i", String.valueOf(i)))));
            assertThat(audit().checkChain(verificationId).verifies()).isTrue();
        }
    }
}
