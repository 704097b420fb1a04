package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.BoardChange;
import com.centralstation.verification.core.domain.BoardCounts;
import com.centralstation.verification.core.domain.BoardCursor;
import com.centralstation.verification.core.domain.BoardFilter;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.ChangeFeedMark;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.OpenVerification;
import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.BoardChangeFeed;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.OperatorBoard;
import com.centralstation.verification.core.port.out.OperatorTaskLog;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
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
import static org.assertj.core.api.Assertions.assertThat;

class JdbcOperatorBoardTest {

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

        private static final byte[] REQUEST_BODY = "{\"id\":\"evt\"}".getBytes(StandardCharsets.UTF_8);

        private long alarmVerificationIds;

        Contract(Engine engine) {
            super(engine);
        }

        OperatorBoard board() {
            return adapter(OperatorBoard.class);
        }

        VerificationRepository verifications() {
            return adapter(VerificationRepository.class);
        }

        OperatorTaskLog tasks() {
            return adapter(OperatorTaskLog.class);
        }

        UUID stored(AlarmClass alarmClass, Duration old, String dealer, String site) {
            UUID id = UUID.randomUUID();
            verifications().add(new Verification(new ChektReference(new SiteRef(dealer, site), ++alarmVerificationIds, id),
                    TestVerifications.alarm(alarmClass == AlarmClass.LIFE_SAFETY ? "fire" : "motion"),
                    new CallList(TestVerifications.CONTACTS), clock.instant().minus(old), alarmClass));
            return id;
        }

        UUID stored(AlarmClass alarmClass, Duration old) {
            return stored(alarmClass, old, "12345", "1");
        }

        /** A request taken into the inbox and not started yet, received {@code old} ago. */
        UUID waiting(AlarmClass alarmClass, Duration old, String dealer, String site) {
            UUID id = UUID.randomUUID();
            DeliveryInbox inbox = adapter(DeliveryInbox.class);
            transaction.executeWithoutResult(status -> {
                assertThat(inbox.firstDelivery("evt_" + id, "verification.requested", id, REQUEST_BODY,
                        clock.instant().minus(old))).isTrue();
                assertThat(inbox.awaitStart("evt_" + id, new ChektReference(new SiteRef(dealer, site), ++alarmVerificationIds, id),
                        TestVerifications.alarm(alarmClass == AlarmClass.LIFE_SAFETY ? "fire" : "motion"), alarmClass)).isTrue();
            });
            return id;
        }

        OperatorTask task(UUID verificationId, OperatorTask.Kind kind) {
            return new OperatorTask(UUID.randomUUID().toString(), verificationId, "instance-" + verificationId, kind, null, null,
                    clock.instant());
        }

        List<UUID> ids(List<OpenVerification> page) {
            return page.stream().map(OpenVerification::verificationId).toList();
        }

        @Test
        void lifeSafetyComesFirstThenHighThenNormalOldestFirstWithinEachClass() {
            UUID normalOld = stored(AlarmClass.NORMAL, Duration.ofMinutes(30));
            UUID highYoung = stored(AlarmClass.HIGH, Duration.ofSeconds(10));
            UUID fireYoung = stored(AlarmClass.LIFE_SAFETY, Duration.ofSeconds(5));
            UUID normalYoung = stored(AlarmClass.NORMAL, Duration.ofMinutes(1));
            UUID highOld = stored(AlarmClass.HIGH, Duration.ofMinutes(12));
            UUID fireOld = stored(AlarmClass.LIFE_SAFETY, Duration.ofSeconds(80));

            assertThat(ids(board().page(BoardFilter.ALL, Optional.empty(), 100)))
                    .containsExactly(fireOld, fireYoung, highOld, highYoung, normalOld, normalYoung);
        }

        @Test
        void pagesFollowEachOtherWithoutRepeatingOrSkippingAndStayInOrderWhenAlarmsArriveBetweenThem() {
            List<UUID> inserted = new ArrayList<>();
            for (AlarmClass alarmClass : AlarmClass.values()) {
                for (int age = 9; age >= 0; age--) {
                    inserted.add(stored(alarmClass, Duration.ofMinutes(age)));
                }
            }
            // Two alarms received at the same microsecond are ordered by their id.
            Instant same = clock.instant().minusSeconds(30);
            UUID twinA = UUID.fromString("00000000-0000-4000-8000-00000000000a");
            UUID twinB = UUID.fromString("00000000-0000-4000-8000-00000000000b");
            for (UUID twin : List.of(twinB, twinA)) {
                verifications().add(new Verification(new ChektReference(new SiteRef("12345", "1"), ++alarmVerificationIds, twin),
                        TestVerifications.alarm("motion"), CallList.empty(), same, AlarmClass.HIGH));
            }
            List<UUID> all = ids(board().page(BoardFilter.ALL, Optional.empty(), 100));
            assertThat(all).hasSize(32).containsSubsequence(inserted);
            assertThat(all.indexOf(twinA)).isEqualTo(all.indexOf(twinB) - 1);

            List<UUID> paged = new ArrayList<>();
            Optional<BoardCursor> after = Optional.empty();
            UUID lateFire = null;
            UUID lateNormal = null;
            for (int page = 0; page < 20; page++) {
                List<OpenVerification> found = board().page(BoardFilter.ALL, after, 3);
                if (found.isEmpty()) {
                    break;
                }
                paged.addAll(ids(found));
                after = Optional.of(BoardCursor.after(found.get(found.size() - 1)));
                if (page == 4) {
                    // Alarms arriving while a reader is past the life-safety ones: the fire sorts before the cursor
                    // (the next first page shows it), the normal one at the end of the pages still to come.
                    clock.advance(Duration.ofSeconds(1));
                    lateFire = stored(AlarmClass.LIFE_SAFETY, Duration.ZERO);
                    lateNormal = stored(AlarmClass.NORMAL, Duration.ZERO);
                }
            }
            List<UUID> expected = new ArrayList<>(all);
            expected.add(lateNormal);
            assertThat(paged).containsExactlyElementsOf(expected);
            assertThat(ids(board().page(BoardFilter.ALL, Optional.empty(), 11))).endsWith(lateFire);
        }

        @Test
        void decidedVerificationsStayUntilSubmittedAndClosedOnesLeave() {
            UUID decided = stored(AlarmClass.NORMAL, Duration.ofMinutes(3));
            UUID submitted = stored(AlarmClass.NORMAL, Duration.ofMinutes(4));
            UUID cancelled = stored(AlarmClass.LIFE_SAFETY, Duration.ofMinutes(1));
            UUID open = stored(AlarmClass.NORMAL, Duration.ofMinutes(2));
            ContactDecision disregard = new ContactDecision(ANN.contactId(), VerificationAction.DISREGARD, clock.instant(),
                    DecisionSource.RESPONSE_LINK);
            verifications().claimDecision(decided, disregard);
            verifications().claimDecision(submitted, disregard);
            verifications().markSubmitted(submitted, new SubmissionReceipt(7, UUID.randomUUID(), clock.instant(), OptionalInt.of(200)));
            verifications().close(cancelled, VerificationState.CANCELLED, "verification.cancelled");

            List<OpenVerification> page = board().page(BoardFilter.ALL, Optional.empty(), 100);

            assertThat(ids(page)).containsExactly(decided, open);
            assertThat(page.get(0).phase()).isEqualTo(OpenVerification.Phase.DECIDED);
            assertThat(page.get(0).decision()).contains(VerificationAction.DISREGARD);
            assertThat(page.get(1).phase()).isEqualTo(OpenVerification.Phase.OPEN);
        }

        @Test
        void aDispatchNotTakenStaysWhileItsAgencyCallIsOpen() {
            UUID waiting = stored(AlarmClass.HIGH, Duration.ofMinutes(4));
            UUID called = stored(AlarmClass.HIGH, Duration.ofMinutes(5));
            for (UUID id : List.of(waiting, called)) {
                verifications().claimDecision(id, new ContactDecision(BEN.contactId(), VerificationAction.DISPATCH, clock.instant(),
                        DecisionSource.RESPONSE_LINK));
                verifications().close(id, VerificationState.DISPATCH_NOT_TAKEN, "CHeKT answered 422");
            }
            OperatorTask openCall = task(waiting, OperatorTask.Kind.AGENCY_CALL);
            OperatorTask doneCall = task(called, OperatorTask.Kind.AGENCY_CALL);
            tasks().opened(openCall);
            tasks().opened(doneCall);
            tasks().closed(doneCall.taskId(), clock.instant());

            List<OpenVerification> page = board().page(BoardFilter.ALL, Optional.empty(), 100);

            assertThat(ids(page)).containsExactly(waiting);
            assertThat(page.get(0).phase()).isEqualTo(OpenVerification.Phase.DISPATCH_NOT_TAKEN);
            assertThat(page.get(0).openTasks()).containsExactly(openCall);
            assertThat(board().counts(BoardFilter.ALL, clock.instant()).of(AlarmClass.HIGH, ResponseTime.ACCEPTABLE)).isEqualTo(1);
        }

        @Test
        void aPageCarriesItsContactsTheLatestChannelAndItsOpenTasks() {
            UUID id = stored(AlarmClass.NORMAL, Duration.ofMinutes(3));
            verifications().addNotified(id, new NotifiedContact(ANN.contactId(), 1, clock.instant().minusSeconds(170), NotificationDelivery.DELIVERED));
            verifications().addNotified(id, new NotifiedContact(BEN.contactId(), 2, clock.instant().minusSeconds(50), NotificationDelivery.DELIVERED));
            NotificationLog attempts = adapter(NotificationLog.class);
            attempts.record(new NotificationAttempt(id, ANN.contactId(), "sms", "+1", clock.instant(), true, null));
            attempts.record(new NotificationAttempt(id, BEN.contactId(), "sms", "+2", clock.instant(), false, "refused"));
            attempts.record(new NotificationAttempt(id, BEN.contactId(), "email", "b@x", clock.instant(), true, null));
            attempts.record(new NotificationAttempt(id, BEN.contactId(), "webhook", null, clock.instant(), false, "down"));
            OperatorTask alert = task(id, OperatorTask.Kind.ALERT);
            OperatorTask closed = task(id, OperatorTask.Kind.REVIEW);
            tasks().opened(alert);
            tasks().opened(closed);
            tasks().closed(closed.taskId(), clock.instant());

            OpenVerification found = board().page(BoardFilter.ALL, Optional.empty(), 10).get(0);

            assertThat(found.notified()).extracting(NotifiedContact::contactId).containsExactly(ANN.contactId(), BEN.contactId());
            assertThat(found.lastChannel()).contains("email");
            assertThat(found.openTasks()).containsExactly(alert);
            assertThat(found.callList().contacts()).isEqualTo(TestVerifications.CONTACTS);
            assertThat(found.location()).contains("Main Entrance");
            assertThat(found.trigger()).isEqualTo("motion");
        }

        @Test
        void filtersByDealerAndSiteAndCountsPerClassAndBand() {
            UUID mine = stored(AlarmClass.NORMAL, Duration.ofSeconds(120), "d1", "s1");
            UUID mineOtherSite = stored(AlarmClass.LIFE_SAFETY, Duration.ofSeconds(121), "d1", "s2");
            stored(AlarmClass.HIGH, Duration.ofMinutes(11), "d2", "s1");
            stored(AlarmClass.NORMAL, Duration.ofMinutes(7), "d2", "s1");

            assertThat(ids(board().page(BoardFilter.of("d1", null), Optional.empty(), 10))).containsExactly(mineOtherSite, mine);
            assertThat(ids(board().page(BoardFilter.of("d1", "s1"), Optional.empty(), 10))).containsExactly(mine);
            assertThat(board().page(BoardFilter.of("d3", null), Optional.empty(), 10)).isEmpty();

            BoardCounts all = board().counts(BoardFilter.ALL, clock.instant());
            assertThat(all.total()).isEqualTo(4);
            assertThat(all.of(AlarmClass.NORMAL, ResponseTime.IDEAL)).isEqualTo(1);
            assertThat(all.of(AlarmClass.LIFE_SAFETY, ResponseTime.ACCEPTABLE)).isEqualTo(1);
            assertThat(all.of(AlarmClass.HIGH, ResponseTime.TOO_LATE)).isEqualTo(1);
            assertThat(all.of(AlarmClass.NORMAL, ResponseTime.LATE)).isEqualTo(1);
            BoardCounts d1 = board().counts(BoardFilter.of("d1", null), clock.instant());
            assertThat(d1.total()).isEqualTo(2);
            assertThat(d1.ofBucket(ResponseTime.TOO_LATE)).isZero();
            assertThat(board().counts(BoardFilter.of("d1", "s2"), clock.instant()).ofClass(AlarmClass.LIFE_SAFETY)).isEqualTo(1);
        }

        @Test
        void requestsWaitingInTheInboxAreOnTheBoardAsReceivedInTheBoardsOrderPagedAndCounted() {
            UUID fireStarted = stored(AlarmClass.LIFE_SAFETY, Duration.ofSeconds(30));
            UUID fireWaiting = waiting(AlarmClass.LIFE_SAFETY, Duration.ofSeconds(40), "12345", "1");
            UUID normalWaiting = waiting(AlarmClass.NORMAL, Duration.ofMinutes(3), "d2", "s1");
            UUID highStarted = stored(AlarmClass.HIGH, Duration.ofMinutes(1));
            List<UUID> boardOrder = List.of(fireWaiting, fireStarted, highStarted, normalWaiting);

            List<OpenVerification> page = board().page(BoardFilter.ALL, Optional.empty(), 10);
            assertThat(ids(page)).containsExactlyElementsOf(boardOrder);
            OpenVerification received = page.get(0);
            assertThat(received.phase()).isEqualTo(OpenVerification.Phase.RECEIVED);
            assertThat(received.trigger()).isEqualTo("fire");
            assertThat(received.site()).isEqualTo(new SiteRef("12345", "1"));
            assertThat(received.location()).contains("Main Entrance");
            assertThat(received.receivedAt()).isEqualTo(clock.instant().minusSeconds(40));
            assertThat(received.notified()).isEmpty();
            assertThat(received.callList().contacts()).isEmpty();
            assertThat(page.get(1).phase()).isEqualTo(OpenVerification.Phase.OPEN);

            // One at a time, the cursor crossing from waiting requests to started verifications and back.
            List<UUID> paged = new ArrayList<>();
            Optional<BoardCursor> after = Optional.empty();
            for (List<OpenVerification> one; !(one = board().page(BoardFilter.ALL, after, 1)).isEmpty(); ) {
                paged.add(one.get(0).verificationId());
                after = Optional.of(BoardCursor.after(one.get(0)));
            }
            assertThat(paged).containsExactlyElementsOf(boardOrder);

            assertThat(ids(board().page(BoardFilter.of("d2", "s1"), Optional.empty(), 10))).containsExactly(normalWaiting);
            BoardCounts counts = board().counts(BoardFilter.ALL, clock.instant());
            assertThat(counts.total()).isEqualTo(4);
            assertThat(counts.of(AlarmClass.LIFE_SAFETY, ResponseTime.IDEAL)).isEqualTo(2);
            assertThat(counts.of(AlarmClass.NORMAL, ResponseTime.ACCEPTABLE)).isEqualTo(1);
            assertThat(board().counts(BoardFilter.of("d2", null), clock.instant()).total()).isEqualTo(1);
        }

        @Test
        void aStartedRequestIsOnTheBoardOnceAsTheVerificationItBecame() {
            UUID id = waiting(AlarmClass.HIGH, Duration.ofSeconds(5), "12345", "1");
            DeliveryInbox inbox = adapter(DeliveryInbox.class);
            transaction.executeWithoutResult(status -> {
                inbox.takeWaiting("evt_" + id).orElseThrow();
                inbox.leaveWaiting("evt_" + id);
                verifications().add(new Verification(new ChektReference(new SiteRef("12345", "1"), 99, id),
                        TestVerifications.alarm("motion"), new CallList(TestVerifications.CONTACTS),
                        clock.instant().minusSeconds(5), AlarmClass.HIGH));
            });

            List<OpenVerification> page = board().page(BoardFilter.ALL, Optional.empty(), 10);
            assertThat(ids(page)).containsExactly(id);
            assertThat(page.get(0).phase()).isEqualTo(OpenVerification.Phase.OPEN);
            assertThat(board().counts(BoardFilter.ALL, clock.instant()).total()).isEqualTo(1);
        }

        @Test
        void theChangeFeedNamesARequestWhenItIsTakenInAndNoOtherDelivery() {
            BoardChangeFeed feed = adapter(BoardChangeFeed.class);
            DeliveryInbox inbox = adapter(DeliveryInbox.class);
            waiting(AlarmClass.NORMAL, Duration.ZERO, "12345", "1");
            ChangeFeedMark mark = ChangeFeedMark.startingAt(feed.head());
            UUID id = waiting(AlarmClass.HIGH, Duration.ZERO, "12345", "1");
            transaction.executeWithoutResult(status -> assertThat(inbox.firstDelivery("evt_cancel_" + id,
                    "verification.cancelled", id, REQUEST_BODY, clock.instant())).isTrue());
            UUID next = waiting(AlarmClass.NORMAL, Duration.ZERO, "12345", "1");

            List<BoardChange> read = feed.read(mark, 10);
            assertThat(read).extracting(BoardChange::source).containsOnly(JdbcBoardChangeFeed.INBOX);
            assertThat(read).extracting(BoardChange::change).containsOnly("request_received");
            assertThat(read).extracting(BoardChange::verificationId).containsExactly(id, next);
            // The cancellation got no number: nothing is left to wait for.
            assertThat(mark.advancedPast(read, Instant.now()).missing(JdbcBoardChangeFeed.INBOX)).isEmpty();
        }

        @Test
        void aTaskIsRecordedOnceItsHolderOnlyWhenItChangesAndItClosesOnce() {
            UUID id = stored(AlarmClass.HIGH, Duration.ZERO);
            OperatorTask review = task(id, OperatorTask.Kind.REVIEW);

            assertThat(tasks().opened(review)).isTrue();
            assertThat(tasks().opened(review)).isFalse();
            assertThat(tasks().assigned(review.taskId(), "oscar")).isTrue();
            assertThat(tasks().assigned(review.taskId(), "oscar")).isFalse();
            assertThat(tasks().assigned(review.taskId(), null)).isTrue();
            assertThat(tasks().assigned(review.taskId(), null)).isFalse();
            assertThat(tasks().assigned(review.taskId(), "sofia")).isTrue();
            assertThat(board().page(BoardFilter.ALL, Optional.empty(), 1).get(0).openTasks())
                    .extracting(OperatorTask::assignee).containsExactly("sofia");
            assertThat(tasks().closed(review.taskId(), clock.instant())).isTrue();
            assertThat(tasks().closed(review.taskId(), clock.instant())).isFalse();
            assertThat(tasks().assigned(review.taskId(), "late")).isFalse();
            assertThat(tasks().assigned("unknown-task", "oscar")).isFalse();
        }

        @Test
        void theChangeFeedStartsAtTheHeadAndReturnsEveryAuditRowWrittenSinceInOrder() {
            BoardChangeFeed feed = adapter(BoardChangeFeed.class);
            AuditTrail audit = adapter(AuditTrail.class);
            UUID before = UUID.randomUUID();
            audit.record(new AuditEvent(before, clock.instant(), AuditEventType.VERIFICATION_RECEIVED, Actor.CHEKT, Map.of()));
            ChangeFeedMark mark = ChangeFeedMark.startingAt(feed.head());
            UUID id = UUID.randomUUID();
            audit.record(new AuditEvent(id, clock.instant(), AuditEventType.VERIFICATION_RECEIVED, Actor.CHEKT, Map.of()));
            audit.record(new AuditEvent(id, clock.instant(), AuditEventType.ESCALATED, Actor.ENGINE, Map.of()));
            audit.record(new AuditEvent(id, clock.instant(), AuditEventType.DECISION_RECEIVED, Actor.contact(1), Map.of()));

            List<BoardChange> read = feed.read(mark, 2);
            assertThat(read).extracting(BoardChange::change).containsExactly("verification_received", "escalated");
            assertThat(read).extracting(BoardChange::verificationId).containsOnly(id);
            mark = mark.advancedPast(read, Instant.now());
            assertThat(feed.read(mark, 2)).extracting(BoardChange::change).containsExactly("decision_received");
        }

        @Test
        void aChangeCommittedAfterALaterOneIsStillRead() throws Exception {
            BoardChangeFeed feed = adapter(BoardChangeFeed.class);
            AuditTrail audit = adapter(AuditTrail.class);
            // The head is the newest row: one is written first (earlier tests' rows are deleted, their positions used up).
            audit.record(new AuditEvent(UUID.randomUUID(), clock.instant(), AuditEventType.VERIFICATION_RECEIVED, Actor.CHEKT, Map.of()));
            ChangeFeedMark mark = ChangeFeedMark.startingAt(feed.head());
            UUID slow = UUID.randomUUID();
            UUID quick = UUID.randomUUID();
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            CompletableFuture<Void> slowTransaction = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
                audit.record(new AuditEvent(slow, clock.instant(), AuditEventType.DECISION_RECEIVED, Actor.contact(1), Map.of()));
                written.countDown();
                try {
                    commit.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            audit.record(new AuditEvent(quick, clock.instant(), AuditEventType.ESCALATED, Actor.ENGINE, Map.of()));

            List<BoardChange> first = feed.read(mark, 100);
            assertThat(first).extracting(BoardChange::verificationId).containsExactly(quick);
            mark = mark.advancedPast(first, Instant.now());
            assertThat(mark.missing(JdbcBoardChangeFeed.AUDIT)).hasSize(1);

            commit.countDown();
            slowTransaction.get(10, TimeUnit.SECONDS);
            List<BoardChange> second = feed.read(mark, 100);
            assertThat(second).extracting(BoardChange::verificationId).containsExactly(slow);
            assertThat(mark.advancedPast(second, Instant.now()).missing(JdbcBoardChangeFeed.AUDIT)).isEmpty();
        }
    }
}
