package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.DuplicateVerificationException;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe in-memory repository for tests of code that uses the port (the JDBC adapter has its own tests). */
public final class InMemoryVerificationRepository implements VerificationRepository {

    private final Map<UUID, VerificationRecord> records = new ConcurrentHashMap<>();

    @Override
    public void add(Verification verification) {
        VerificationRecord fresh = new VerificationRecord(verification, VerificationState.OPEN, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
        if (records.putIfAbsent(verification.id(), fresh) != null) {
            throw new DuplicateVerificationException(verification.id(), null);
        }
    }

    /** Forgets a verification, as a rolled-back transaction forgets the row it added. */
    public void forget(UUID verificationId) {
        records.remove(verificationId);
    }

    @Override
    public Optional<VerificationRecord> find(UUID verificationId) {
        return Optional.ofNullable(records.get(verificationId));
    }

    @Override
    public List<VerificationRecord> findByState(VerificationState state, int limit) {
        return records.values().stream().filter(r -> r.state() == state).limit(limit).toList();
    }

    @Override
    public List<VerificationRecord> findRecentAtSite(SiteRef site, int limit) {
        return records.values().stream().filter(r -> r.verification().site().equals(site))
                .sorted(Comparator.comparing((VerificationRecord r) -> r.verification().receivedAt()).reversed())
                .limit(limit).toList();
    }

    @Override
    public long countInStateReceivedBefore(VerificationState state, Instant receivedBefore) {
        return records.values().stream()
                .filter(r -> r.state() == state && r.verification().receivedAt().isBefore(receivedBefore)).count();
    }

    @Override
    public void addNotified(UUID verificationId, NotifiedContact notified) {
        records.computeIfPresent(verificationId, (id, r) -> {
            if (r.notified().stream().anyMatch(n -> n.position() == notified.position())) {
                throw new IllegalStateException("position " + notified.position() + " is taken");
            }
            List<NotifiedContact> all = new ArrayList<>(r.notified());
            all.add(notified);
            return new VerificationRecord(r.verification(), r.state(), all, r.decision(), r.submission(), r.closeReason());
        });
    }

    @Override
    public boolean updateNotified(UUID verificationId, NotifiedContact notified) {
        boolean[] updated = {false};
        records.computeIfPresent(verificationId, (id, r) -> {
            List<NotifiedContact> all = new ArrayList<>(r.notified());
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).position() == notified.position()) {
                    all.set(i, notified);
                    updated[0] = true;
                }
            }
            return new VerificationRecord(r.verification(), r.state(), all, r.decision(), r.submission(), r.closeReason());
        });
        return updated[0];
    }

    @Override
    public boolean claimDecision(UUID verificationId, ContactDecision decision) {
        boolean[] claimed = {false};
        records.computeIfPresent(verificationId, (id, r) -> {
            if (r.state() != VerificationState.OPEN || r.decision().isPresent()) {
                return r;
            }
            claimed[0] = true;
            return new VerificationRecord(r.verification(), VerificationState.DECIDED, r.notified(), Optional.of(decision),
                    r.submission(), r.closeReason());
        });
        return claimed[0];
    }

    @Override
    public void markSubmitted(UUID verificationId, SubmissionReceipt receipt) {
        records.computeIfPresent(verificationId, (id, r) -> new VerificationRecord(r.verification(),
                VerificationState.SUBMITTED, r.notified(), r.decision(), Optional.of(receipt), r.closeReason()));
    }

    @Override
    public boolean close(UUID verificationId, VerificationState finalState, String reason) {
        boolean[] closed = {false};
        records.computeIfPresent(verificationId, (id, r) -> {
            if (r.state() != VerificationState.OPEN && r.state() != VerificationState.DECIDED) {
                return r;
            }
            closed[0] = true;
            return new VerificationRecord(r.verification(), finalState, r.notified(), r.decision(), r.submission(),
                    Optional.ofNullable(reason));
        });
        return closed[0];
    }
}
