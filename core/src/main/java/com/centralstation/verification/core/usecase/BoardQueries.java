package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.BoardCursor;
import com.centralstation.verification.core.domain.BoardFilter;
import com.centralstation.verification.core.domain.BoardItem;
import com.centralstation.verification.core.domain.BoardPage;
import com.centralstation.verification.core.domain.OpenVerification;
import com.centralstation.verification.core.port.out.OperatorBoard;
import com.centralstation.verification.core.port.out.OperatorConsole;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator board: every open verification, most dangerous and oldest first, with its stage, current contact,
 * age and response-time band, read from the service's own tables. Read only: the board changes nothing.
 */
public final class BoardQueries {

    public static final int MAX_PAGE_SIZE = 500;

    private final OperatorBoard board;
    private final OperatorConsole console;
    private final Clock clock;
    private final List<Duration> escalationSteps;

    /** @param escalationSteps the escalation timers, measured from the first notification */
    public BoardQueries(OperatorBoard board, OperatorConsole console, Clock clock, List<Duration> escalationSteps) {
        this.board = board;
        this.console = console;
        this.clock = clock;
        this.escalationSteps = List.copyOf(escalationSteps);
    }

    /**
     * A page of the board, its items worked out at one instant, with the counts of everything the filter selects.
     *
     * @param limit 1 to {@link #MAX_PAGE_SIZE}
     */
    public BoardPage page(BoardFilter filter, Optional<BoardCursor> after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit);
        }
        Instant now = clock.instant();
        // One more than asked tells whether a next page exists without counting.
        List<OpenVerification> found = board.page(filter, after, limit + 1);
        List<OpenVerification> shown = found.subList(0, Math.min(limit, found.size()));
        Optional<BoardCursor> next = found.size() > limit
                ? Optional.of(BoardCursor.after(shown.get(shown.size() - 1))) : Optional.empty();
        List<BoardItem> items = shown.stream().map(open -> BoardItem.of(open, now, escalationSteps)).toList();
        return new BoardPage(now, filter, items, board.counts(filter, now), next);
    }

    /** The running process instance of a verification, for the board's link to Cockpit. */
    public Optional<String> processInstanceOf(UUID verificationId) {
        return console.processInstanceOf(verificationId);
    }
}
