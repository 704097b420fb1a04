package com.centralstation.verification.core.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoardCursorAndFeedTest {

    private static final Instant NOW = Instant.parse("2026-05-26T10:21:34Z");
    private static final UUID ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

    @Test
    void aCursorReadsBackAsTheSamePlaceToTheMicrosecond() {
        BoardCursor cursor = new BoardCursor(AlarmClass.HIGH, Instant.parse("2026-05-26T10:21:34.123456789Z"), ID);

        BoardCursor read = BoardCursor.parse(cursor.token());

        assertThat(read).isEqualTo(cursor);
        assertThat(read.receivedAt()).isEqualTo(Instant.parse("2026-05-26T10:21:34.123456Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "aGlnaH4xMjM", "bm9ybWFsfnh-NTUw", "dXJnZW50fjF-NTUwZTg0MDAtZTI5Yi00MWQ0LWE3MTYtNDQ2NjU1NDQwMDAw"})
    void anythingElseIsNotACursor(String token) {
        assertThatThrownBy(() -> BoardCursor.parse(token)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a board cursor");
    }

    @Test
    void aSiteFilterNeedsItsDealerAndBlankMeansNone() {
        assertThat(BoardFilter.of(" ", null).isAll()).isTrue();
        assertThat(BoardFilter.of("12345", "1").siteId()).contains("1");
        assertThatThrownBy(() -> BoardFilter.of(null, "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewReaderStartsAtTheHeadAndMovesPastWhatItRead() {
        ChangeFeedMark mark = ChangeFeedMark.startingAt(Map.of("audit", 10L));

        ChangeFeedMark next = mark.advancedPast(List.of(change(11), change(12)), NOW);

        assertThat(next.high("audit")).isEqualTo(12);
        assertThat(next.missing("audit")).isEmpty();
        assertThat(next.advancedPast(List.of(), NOW).high("audit")).isEqualTo(12);
    }

    @Test
    void aPositionSkippedBecauseItsTransactionHadNotCommittedIsAskedForAgainUntilItComes() {
        ChangeFeedMark mark = ChangeFeedMark.startingAt(Map.of("audit", 10L));

        ChangeFeedMark skipped = mark.advancedPast(List.of(change(11), change(13), change(15)), NOW);
        assertThat(skipped.high("audit")).isEqualTo(15);
        assertThat(skipped.missing("audit")).containsExactlyInAnyOrder(12L, 14L);

        ChangeFeedMark caughtUp = skipped.advancedPast(List.of(change(14), change(16)), NOW.plusSeconds(1));
        assertThat(caughtUp.missing("audit")).containsExactly(12L);
        assertThat(caughtUp.high("audit")).isEqualTo(16);
    }

    @Test
    void aPositionThatNeverComesIsGivenUpAfterThePatience() {
        ChangeFeedMark skipped = ChangeFeedMark.startingAt(Map.of("audit", 10L))
                .advancedPast(List.of(change(12)), NOW);

        assertThat(skipped.advancedPast(List.of(), NOW.plus(ChangeFeedMark.PATIENCE)).missing("audit")).containsExactly(11L);
        assertThat(skipped.advancedPast(List.of(), NOW.plus(ChangeFeedMark.PATIENCE).plusSeconds(1)).missing("audit")).isEmpty();
    }

    @Test
    void aHugeJumpRemembersAtMostTheLimitOfSkippedPositions() {
        ChangeFeedMark jumped = ChangeFeedMark.startingAt(Map.of("audit", 0L))
                .advancedPast(List.of(change(1_000_000)), NOW);

        assertThat(jumped.missing("audit")).hasSize(ChangeFeedMark.MAX_MISSING).contains(1L);
        assertThat(jumped.high("audit")).isEqualTo(1_000_000);
    }

    private static BoardChange change(long position) {
        return new BoardChange("audit", position, ID, "escalated");
    }
}
