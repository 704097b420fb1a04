package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.BoardChange;
import com.centralstation.verification.core.domain.ChangeFeedMark;
import com.centralstation.verification.core.port.out.BoardChangeFeed;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Follows the board's change feed for one node: each call returns what changed since the last, whichever node
 * made the change. One reader per node serves every open board on it. Starts at the present: history is not
 * replayed.
 */
public final class WatchBoard {

    /** One read of the feed returns at most this many changes per source. */
    public static final int MAX_CHANGES_PER_SOURCE = 1_000;
    /**
     * A call reads again while a source filled its read, up to this many reads: a storm writes thousands of changes a
     * second, and a watcher reading one batch a second would fall further behind with every poll.
     */
    public static final int MAX_READS_PER_CALL = 20;

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

    /**
     * What changed since the previous call; nothing on the first call, which only marks where the feed stands. One
     * read of the feed, more while a storm fills them.
     */
    public synchronized List<BoardChange> changes() {
        if (mark == null) {
            mark = ChangeFeedMark.startingAt(feed.head());
            return List.of();
        }
        List<BoardChange> changes = new ArrayList<>();
        for (int reads = 0; reads < MAX_READS_PER_CALL; reads++) {
            List<BoardChange> read = feed.read(mark, MAX_CHANGES_PER_SOURCE);
            mark = mark.advancedPast(read, clock.instant());
            changes.addAll(read);
            Map<String, Long> perSource = read.stream().collect(Collectors.groupingBy(BoardChange::source, Collectors.counting()));
            if (perSource.values().stream().noneMatch(count -> count >= MAX_CHANGES_PER_SOURCE)) {
                break;
            }
        }
        return changes;
    }

    /**
     * Starts again at the present (after a pause with nobody watching): what was written before is not news, anything
     * written from now on is.
     */
    public synchronized void startAfresh() {
        mark = ChangeFeedMark.startingAt(feed.head());
    }
}
