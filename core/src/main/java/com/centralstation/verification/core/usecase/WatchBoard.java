package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.BoardChange;
import com.centralstation.verification.core.domain.ChangeFeedMark;
import com.centralstation.verification.core.port.out.BoardChangeFeed;

import java.time.Clock;
import java.util.List;

/**
 * Follows the board's change feed for one node: each call returns what changed since the last, whichever node
 * made the change. One reader per node serves every open board on it. Starts at the present: history is not
 * replayed.
 */
public final class WatchBoard {

    /** A poll returns at most this many changes per source; the rest come with the next poll. */
    public static final int MAX_CHANGES_PER_SOURCE = 1_000;

    private final BoardChangeFeed feed;
    private final Clock clock;
    private ChangeFeedMark mark;

    /**
     * @param clock real time, not the engine's: it only measures how long a skipped position of the feed is waited
     *              for (a transaction still running), which has nothing to do with the alarms' own time
     */
    public WatchBoard(BoardChangeFeed feed, Clock clock) {
        this.feed = feed;
        this.clock = clock;
    }

    /** What changed since the previous call; nothing on the first call, which only marks where the feed stands. */
    public synchronized List<BoardChange> changes() {
        if (mark == null) {
            mark = ChangeFeedMark.startingAt(feed.head());
            return List.of();
        }
        List<BoardChange> read = feed.read(mark, MAX_CHANGES_PER_SOURCE);
        mark = mark.advancedPast(read, clock.instant());
        return read;
    }

    /** Forgets where it stood: the next call starts at the present again (after a pause with nobody watching). */
    public synchronized void startAfresh() {
        mark = null;
    }
}
