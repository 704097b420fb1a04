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
        return events.stream().filter(e -> e.verificationId().equals(verificationId)).toList();
    }

    @Override
    public List<AuditEvent> ofTypeSince(AuditEventType type, Instant since) {
        return events.stream().filter(e -> e.type() == type && !e.at().isBefore(since))
                .sorted(Comparator.comparing(AuditEvent::at)).toList();
    }

    @Override
    public List<AuditEvent> ofTypeForLatestVerifications(AuditEventType type, int verifications) {
        List<AuditEvent> ofType = events.stream().filter(e -> e.type() == type).sorted(Comparator.comparing(AuditEvent::at)).toList();
        LinkedHashSet<UUID> latest = new LinkedHashSet<>();
        for (int i = ofType.size() - 1; i >= 0 && latest.size() < verifications; i--) {
            latest.add(ofType.get(i).verificationId());
        }
        return ofType.stream().filter(e -> latest.contains(e.verificationId())).toList();
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
