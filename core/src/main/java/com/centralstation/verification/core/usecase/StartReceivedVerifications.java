package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.RefusalReason;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.DeliveryInbox.WaitingRequest;
import com.centralstation.verification.core.port.out.StoredDeliveryReader;
import com.centralstation.verification.core.port.out.UnitOfWork;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The starter: starts the workflows of the requests waiting in the inbox, the most urgent class first and within a
 * class in the order they came, up to {@code batchSize} in one transaction (an H2 commit writes every page it
 * changed once however many starts share it; a PostgreSQL commit waits for one flush of its log). Every node runs
 * one; requests another node's starter holds are passed over, never waited for.
 *
 * <p>When a batch fails (the engine refuses one request, a concurrent change condemned the transaction), nothing of
 * it stays and each of its requests is tried alone in a transaction of its own: one request that cannot be started
 * never holds back the others. A failed attempt is counted; after {@code maxAttempts} the request is kept in the
 * quarantine ({@link RefusalReason#UNSTARTABLE}, counted with the other refusals) and leaves the inbox. Failed
 * requests keep their place in the order, so they are tried again first.
 */
public final class StartReceivedVerifications {

    /** The quarantine's detail column holds 1,000 characters. */
    private static final int MAX_DETAIL = 900;

    private final UnitOfWork unitOfWork;
    private final DeliveryInbox inbox;
    private final StoredDeliveryReader reader;
    private final StartVerification start;
    private final DeliveryQuarantine quarantine;
    private final AuditTrail audit;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;

    /**
     * @param batchSize   requests started in one transaction at most
     * @param maxAttempts failed attempts after which a request is quarantined
     */
    public StartReceivedVerifications(UnitOfWork unitOfWork, DeliveryInbox inbox, StoredDeliveryReader reader,
                                      StartVerification start, DeliveryQuarantine quarantine, AuditTrail audit, Clock clock,
                                      int batchSize, int maxAttempts) {
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("batchSize and maxAttempts must be at least 1, were " + batchSize + " and "
                    + maxAttempts);
        }
        this.unitOfWork = unitOfWork;
        this.inbox = inbox;
        this.reader = reader;
        this.start = start;
        this.quarantine = quarantine;
        this.audit = audit;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Takes the next waiting requests and starts them in one transaction; after a failure, one by one.
     *
     * @throws RuntimeException when not even the waiting requests could be read (the database is away): nothing
     *         changed, try again later
     */
    public Batch startNext() {
        List<WaitingRequest> taken = new ArrayList<>();
        try {
            List<UUID> started = unitOfWork.inOneTransaction(() -> {
                taken.addAll(inbox.nextToStart(batchSize));
                List<UUID> ids = new ArrayList<>();
                for (WaitingRequest request : taken) {
                    if (startOne(request)) {
                        ids.add(request.verificationId());
                    }
                }
                return ids;
            });
            return new Batch(started, List.of(), List.of(), taken.size() == batchSize);
        } catch (RuntimeException failed) {
            if (taken.isEmpty()) {
                throw failed;
            }
            return oneByOne(taken);
        }
    }

    private Batch oneByOne(List<WaitingRequest> taken) {
        List<UUID> started = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        List<UUID> quarantined = new ArrayList<>();
        for (WaitingRequest request : taken) {
            try {
                boolean startedNow = unitOfWork.inOneTransaction(() -> inbox.takeWaiting(request.eventId())
                        .map(this::startOne).orElse(false));
                if (startedNow) {
                    started.add(request.verificationId());
                }
            } catch (RuntimeException refused) {
                int attempts = unitOfWork.inOneTransaction(() -> inbox.failedToStart(request.eventId()));
                String reason = describe(refused);
                if (attempts >= maxAttempts && quarantine(request, attempts, reason)) {
                    quarantined.add(request.verificationId());
                } else {
                    failed.add(new Failure(request.verificationId(), request.eventId(), attempts, reason));
                }
            }
        }
        return new Batch(started, failed, quarantined, taken.size() == batchSize);
    }

    /** @return false when its verification already existed (a duplicate): nothing was started */
    private boolean startOne(WaitingRequest waiting) {
        VerificationRequest request = reader.read(waiting.body()).event(VerificationRequest.class);
        if (!request.chekt().verificationId().equals(waiting.verificationId())) {
            throw new IllegalStateException("the stored body of " + waiting.eventId() + " names verification "
                    + request.chekt().verificationId() + ", the inbox " + waiting.verificationId());
        }
        boolean duplicate = start.start(request, waiting.alarmClass(), waiting.receivedAt()) == StartVerification.Outcome.DUPLICATE;
        if (duplicate) {
            audit.record(new AuditEvent(waiting.verificationId(), clock.instant(), AuditEventType.DUPLICATE_DELIVERY,
                    Actor.CHEKT, Map.of(AuditDetail.EVENT_ID, waiting.eventId())));
        }
        inbox.leaveWaiting(waiting.eventId());
        return !duplicate;
    }

    /** Kept first, then out of the inbox: a stop in between keeps it twice, never not at all. */
    private boolean quarantine(WaitingRequest request, int attempts, String reason) {
        String detail = "verification " + request.verificationId() + " (event " + request.eventId() + ") not started after "
                + attempts + " attempts: " + reason;
        DeliveryQuarantine.Kept kept = quarantine.keep(RefusalReason.UNSTARTABLE, null, cut(detail), Map.of(), request.body());
        if (kept.id().isEmpty()) {
            return false;
        }
        unitOfWork.inOneTransaction(() -> {
            inbox.leaveWaiting(request.eventId());
            return null;
        });
        return true;
    }

    private static String describe(RuntimeException refused) {
        Throwable root = refused;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = refused.getClass().getSimpleName() + ": " + refused.getMessage();
        return root == refused ? top : top + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static String cut(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }

    /**
     * What one call did.
     *
     * @param started     the verifications started (or stored cancelled), in the order they were started; not those
     *                    found started already
     * @param failed      requests that failed and wait to be tried again
     * @param quarantined requests that failed their last attempt and were moved to the quarantine
     * @param full        whether a whole batch was taken: more may be waiting
     */
    public record Batch(List<UUID> started, List<Failure> failed, List<UUID> quarantined, boolean full) {

        public Batch {
            started = List.copyOf(started);
            failed = List.copyOf(failed);
            quarantined = List.copyOf(quarantined);
        }

        public boolean tookAny() {
            return !started.isEmpty() || !failed.isEmpty() || !quarantined.isEmpty();
        }
    }

    /** A request whose start failed, with the attempts so far and why the last one failed. */
    public record Failure(UUID verificationId, String eventId, int attempts, String reason) {
    }
}
