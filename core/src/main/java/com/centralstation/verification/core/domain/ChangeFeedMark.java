package com.centralstation.verification.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How far a reader has read the change feed, per source: everything up to its high position, except the positions
 * it found missing. Positions are given out when a row is written and become visible when its transaction commits,
 * so a row written earlier can appear after a later one: a position skipped over may still come. The reader asks for
 * those again for a while ({@link #PATIENCE}); a position that never comes belonged to a transaction that rolled
 * back (or to a number the database skipped), and is given up.
 */
public final class ChangeFeedMark {

    /**
     * How long a skipped position is waited for: longer than any transaction that writes a change runs (the longest
     * engine job is bounded at about 70 s, the job lock time).
     */
    public static final Duration PATIENCE = Duration.ofSeconds(90);

    /** At most this many skipped positions per source are remembered (the oldest are given up first). */
    public static final int MAX_MISSING = 2_000;

    private final Map<String, Source> sources;

    private ChangeFeedMark(Map<String, Source> sources) {
        this.sources = Map.copyOf(sources);
    }

    /** A reader that starts at the feed's present: nothing written so far is new to it. */
    public static ChangeFeedMark startingAt(Map<String, Long> heads) {
        Map<String, Source> sources = new HashMap<>();
        heads.forEach((source, head) -> sources.put(source, new Source(head, Collections.emptyNavigableMap())));
        return new ChangeFeedMark(sources);
    }

    public Set<String> sources() {
        return sources.keySet();
    }

    /** Every position of the source above this one is new. */
    public long high(String source) {
        return source(source).high();
    }

    /** Positions at or below {@link #high} that were skipped and may still come. */
    public Set<Long> missing(String source) {
        return source(source).missing().keySet();
    }

    /** The mark after reading {@code read}: what the feed returned for this mark, in any order. */
    public ChangeFeedMark advancedPast(List<BoardChange> read, Instant now) {
        Map<String, Source> advanced = new HashMap<>();
        sources.forEach((name, source) -> advanced.put(name, source.advancedPast(
                read.stream().filter(change -> change.source().equals(name)).map(BoardChange::position).toList(), now)));
        return new ChangeFeedMark(advanced);
    }

    private Source source(String source) {
        return Objects.requireNonNull(sources.get(source), () -> "no source " + source + " in this mark");
    }

    private record Source(long high, NavigableMap<Long, Instant> missing) {

        Source advancedPast(List<Long> positions, Instant now) {
            NavigableMap<Long, Instant> stillMissing = new TreeMap<>(missing);
            positions.forEach(stillMissing::remove);
            stillMissing.values().removeIf(since -> since.plus(PATIENCE).isBefore(now));
            long newHigh = positions.stream().mapToLong(Long::longValue).max().orElse(high);
            if (newHigh > high) {
                Set<Long> seen = Set.copyOf(positions);
                for (long position = high + 1; position < newHigh && stillMissing.size() < MAX_MISSING; position++) {
                    if (!seen.contains(position)) {
                        stillMissing.put(position, now);
                    }
                }
            }
            while (stillMissing.size() > MAX_MISSING) {
                stillMissing.pollFirstEntry();
            }
            return new Source(Math.max(high, newHigh), Collections.unmodifiableNavigableMap(stillMissing));
        }
    }
}
