package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.BoardChange;
import com.centralstation.verification.core.domain.BoardCounts;
import com.centralstation.verification.core.domain.BoardCursor;
import com.centralstation.verification.core.domain.BoardFilter;
import com.centralstation.verification.core.domain.BoardPage;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.ChangeFeedMark;
import com.centralstation.verification.core.domain.OpenVerification;
import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.TaskClaim;
import com.centralstation.verification.core.port.out.BoardChangeFeed;
import com.centralstation.verification.core.port.out.OperatorBoard;
import com.centralstation.verification.core.port.out.OperatorConsole;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryOperatorTaskLog;
import com.centralstation.verification.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoardUseCasesTest {

    private static final Instant START = Instant.parse("2026-05-26T10:21:34Z");
    private static final List<Duration> LADDER = List.of(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10));

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();

    @Test
    void aPageOneLongerThanAskedGivesTheCursorOfItsLastItem() {
        List<OpenVerification> open = List.of(open(AlarmClass.LIFE_SAFETY, 30), open(AlarmClass.HIGH, 400), open(AlarmClass.NORMAL, 700));
        List<Optional<BoardCursor>> asked = new ArrayList<>();
        OperatorBoard board = new OperatorBoard() {
            @Override
            public List<OpenVerification> page(BoardFilter filter, Optional<BoardCursor> after, int limit) {
                asked.add(after);
                return open.subList(0, Math.min(limit, open.size()));
            }

            @Override
            public BoardCounts counts(BoardFilter filter, Instant now) {
                return new BoardCounts(Map.of(AlarmClass.NORMAL, Map.of(ResponseTime.TOO_LATE, 1L)));
            }
        };
        BoardQueries queries = new BoardQueries(board, console(), clock, LADDER);

        BoardPage first = queries.page(BoardFilter.ALL, Optional.empty(), 2);

        assertThat(first.items()).extracting(item -> item.verification().alarmClass())
                .containsExactly(AlarmClass.LIFE_SAFETY, AlarmClass.HIGH);
        assertThat(first.items()).extracting(item -> item.bucket().label()).containsExactly("0-2m", "5-10m");
        assertThat(first.next()).contains(BoardCursor.after(open.get(1)));
        assertThat(first.counts().total()).isEqualTo(1);
        assertThat(first.asOf()).isEqualTo(START);
        assertThat(queries.page(BoardFilter.ALL, Optional.empty(), 3).next()).isEmpty();
        assertThatThrownBy(() -> queries.page(BoardFilter.ALL, Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queries.page(BoardFilter.ALL, Optional.empty(), BoardQueries.MAX_PAGE_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTaskIsRecordedAndAuditedOnceHoweverManyEventsReportTheSameStep() {
        InMemoryOperatorTaskLog log = new InMemoryOperatorTaskLog();
        RecordOperatorTask record = new RecordOperatorTask(log, audit, clock);
        UUID id = UUID.randomUUID();
        OperatorTask review = new OperatorTask("t1", id, "p1", OperatorTask.Kind.REVIEW, "Operator review", null, START);

        record.opened(review);
        record.opened(review);
        record.assigned(id, "t1", "oscar", "oscar");
        record.assigned(id, "t1", "oscar", "oscar");
        record.assigned(id, "t1", null, "sofia");
        record.closed(id, "t1", "deleted", null);
        record.closed(id, "t1", "deleted", null);
        record.assigned(id, "t1", "late", null);

        assertThat(audit.types(id)).containsExactly(AuditEventType.OPERATOR_TASK_OPENED, AuditEventType.OPERATOR_TASK_ASSIGNED,
                AuditEventType.OPERATOR_TASK_ASSIGNED, AuditEventType.OPERATOR_TASK_CLOSED);
        List<AuditEvent> timeline = audit.timeline(id);
        assertThat(timeline.get(0).details()).containsEntry("kind", "review").containsEntry("taskId", "t1");
        assertThat(timeline.get(1).actor().id()).isEqualTo("operator:oscar");
        assertThat(timeline.get(1).details()).containsEntry("assignee", "oscar");
        assertThat(timeline.get(2).details()).containsEntry("assignee", "");
        assertThat(timeline.get(3).actor()).isEqualTo(Actor.ENGINE);
        assertThat(timeline.get(3).details()).containsEntry("how", "deleted");
        assertThat(log.open(id)).isEmpty();
        assertThat(log.closed(id)).extracting(OperatorTask::taskId).containsExactly("t1");
    }

    @Test
    void theWatcherStartsAtThePresentAndThenReturnsWhatWasWrittenSince() {
        List<BoardChange> written = new ArrayList<>();
        UUID id = UUID.randomUUID();
        BoardChangeFeed feed = new BoardChangeFeed() {
            @Override
            public Map<String, Long> head() {
                return Map.of("audit", (long) written.size());
            }

            @Override
            public List<BoardChange> read(ChangeFeedMark mark, int limitPerSource) {
                return written.stream().filter(change -> change.position() > mark.high("audit")).limit(limitPerSource).toList();
            }
        };
        written.add(new BoardChange("audit", 1, id, "verification_received"));
        WatchBoard watch = new WatchBoard(feed, clock);

        assertThat(watch.changes()).isEmpty();
        written.add(new BoardChange("audit", 2, id, "escalated"));
        assertThat(watch.changes()).extracting(BoardChange::change).containsExactly("escalated");
        assertThat(watch.changes()).isEmpty();

        written.add(new BoardChange("audit", 3, id, "decision_received"));
        watch.startAfresh();
        written.add(new BoardChange("audit", 4, id, "decision_submitted"));
        assertThat(watch.changes()).extracting(BoardChange::change).containsExactly("decision_submitted");
        assertThat(watch.changes()).isEmpty();
    }

    @Test
    void aStormThatFillsAReadIsReadOnUntilTheFeedIsCaughtUp() {
        List<BoardChange> written = new ArrayList<>();
        List<Integer> reads = new ArrayList<>();
        UUID id = UUID.randomUUID();
        BoardChangeFeed feed = new BoardChangeFeed() {
            @Override
            public Map<String, Long> head() {
                return Map.of("audit", 0L);
            }

            @Override
            public List<BoardChange> read(ChangeFeedMark mark, int limitPerSource) {
                List<BoardChange> read = written.stream().filter(change -> change.position() > mark.high("audit"))
                        .limit(limitPerSource).toList();
                reads.add(read.size());
                return read;
            }
        };
        WatchBoard watch = new WatchBoard(feed, clock);
        watch.changes();
        for (long position = 1; position <= 2 * WatchBoard.MAX_CHANGES_PER_SOURCE + 5; position++) {
            written.add(new BoardChange("audit", position, id, "contact_notified"));
        }

        assertThat(watch.changes()).hasSize(2 * WatchBoard.MAX_CHANGES_PER_SOURCE + 5);
        assertThat(reads).containsExactly(WatchBoard.MAX_CHANGES_PER_SOURCE, WatchBoard.MAX_CHANGES_PER_SOURCE, 5);
    }

    @Test
    void aClaimGoesToTheConsoleWithTheUsersGroups() {
        List<String> calls = new ArrayList<>();
        OperatorConsole console = new OperatorConsole() {
            @Override
            public TaskClaim claim(String taskId, String userId, List<String> groups) {
                calls.add(taskId + " " + userId + " " + groups);
                return new TaskClaim(TaskClaim.Result.CLAIMED, Optional.of(userId));
            }

            @Override
            public Optional<String> processInstanceOf(UUID verificationId) {
                return Optional.empty();
            }
        };
        ClaimOperatorTask claim = new ClaimOperatorTask(console);

        assertThat(claim.claim("t1", "oscar", List.of("operators")).result()).isEqualTo(TaskClaim.Result.CLAIMED);
        assertThat(calls).containsExactly("t1 oscar [operators]");
        assertThatThrownBy(() -> claim.claim(" ", "oscar", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private OpenVerification open(AlarmClass alarmClass, long secondsOld) {
        return new OpenVerification(UUID.randomUUID(), new SiteRef("12345", "1"), Optional.empty(), alarmClass, "motion",
                Optional.empty(), START.minusSeconds(secondsOld), OpenVerification.Phase.OPEN, Optional.empty(), CallList.empty(),
                List.of(), Optional.empty(), List.of());
    }

    private static OperatorConsole console() {
        return new OperatorConsole() {
            @Override
            public TaskClaim claim(String taskId, String userId, List<String> groups) {
                throw new AssertionError("the board's read side claims nothing");
            }

            @Override
            public Optional<String> processInstanceOf(UUID verificationId) {
                return Optional.empty();
            }
        };
    }
}
