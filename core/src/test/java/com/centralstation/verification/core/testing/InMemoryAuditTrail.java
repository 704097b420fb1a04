package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.AuditChainCheck;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.AuditTrailHead;
import com.centralstation.verification.core.port.out.AuditTrail;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Keeps audit events in memory for tests. */
public final class InMemoryAuditTrail implements AuditTrail {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public void recordIndependently(AuditEvent event) {
        events.add(event);
    }

    @Override
    public List<AuditEvent> timeline(UUID verificationId) {
        // by time of occurrence, ties in the order written, as the database orders them (the sort is stable)
        return events.stream().filter(e -> e.verificationId().equals(verificationId))
                .sorted(Comparator.comparing(AuditEvent::at)).toList();
    }

    @Override
    public int eachOfTypeSince(AuditEventType type, Instant since, int limit, Consumer<AuditEvent> each) {
        return hand(newestFirst(type).filter(e -> !e.at().isBefore(since)).toList(), limit, each);
    }

    @Override
    public int eachOfTypeForLatestVerifications(AuditEventType type, int verifications, int limit, Consumer<AuditEvent> each) {
        List<AuditEvent> ofType = newestFirst(type).toList();
        LinkedHashSet<UUID> latest = new LinkedHashSet<>();
        for (int i = 0; i < ofType.size() && latest.size() < verifications; i++) {
            latest.add(ofType.get(i).verificationId());
        }
        return hand(ofType.stream().filter(e -> latest.contains(e.verificationId())).toList(), limit, each);
    }

    private Stream<AuditEvent> newestFirst(AuditEventType type) {
        List<AuditEvent> recorded = List.copyOf(events);
        // the recording order breaks ties between events of one instant, newest recorded first
        return IntStream.range(0, recorded.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> recorded.get(i).at()).thenComparing(i -> i).reversed())
                .map(recorded::get).filter(e -> e.type() == type);
    }

    private static int hand(List<AuditEvent> events, int limit, Consumer<AuditEvent> each) {
        List<AuditEvent> handed = events.subList(0, Math.min(limit, events.size()));
        handed.forEach(each);
        return handed.size();
    }

    /** Memory cannot be tampered with behind the list's back: every row verifies. */
    @Override
    public AuditChainCheck checkChain(UUID verificationId) {
        return new AuditChainCheck(timeline(verificationId).size(), 0, Optional.empty());
    }

    /** Nothing is sealed in memory. */
    @Override
    public Optional<AuditTrailHead> newestSealedRow() {
        return Optional.empty();
    }

    public List<AuditEventType> types(UUID verificationId) {
        return timeline(verificationId).stream().map(AuditEvent::type).toList();
    }

    public void clear() {
        events.clear();
    }
}
