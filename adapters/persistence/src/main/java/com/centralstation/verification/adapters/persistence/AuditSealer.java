package com.centralstation.verification.adapters.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Seals committed audit rows on a thread of its own, the verifications named since its last run together, in
 * transactions of up to {@value #BATCH} verifications: in a storm every commit counts (an H2 commit writes a chunk, a
 * PostgreSQL commit waits for its WAL flush), and a seal per verification cost one commit per alarm step.
 * <p>
 * A writer cannot seal its rows itself once it has committed: Spring keeps the transaction's connection
 * until every after-commit callback has run, so sealing there takes a second connection while holding
 * the first. With more writers than half the pool (an alarm storm: every HTTP thread in a webhook's
 * transaction) every connection ends up held by a writer waiting for a second one, and intake stops
 * until the pool's timeout fails them all. Here a writer only names the verification; this thread takes
 * one connection for the seal. A verification named again while it waits is sealed once; named again
 * while it is being sealed, it is sealed once more, so a row committed meanwhile is not left behind.
 * Rows left unsealed by a stop are sealed at the next start-up. A chain check does not seal; it waits for what
 * this thread was asked to seal before it ({@link #awaitQueued}).
 */
final class AuditSealer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    /** Verifications sealed in one transaction at most. */
    static final int BATCH = 100;

    private final AuditChain chain;
    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread sealer = new Thread(runnable, "audit-sealer");
        sealer.setDaemon(true);
        return sealer;
    });

    AuditSealer(AuditChain chain) {
        this.chain = chain;
    }

    /** Seals the verification's committed rows soon, without waiting and without a connection of the caller's. */
    void sealSoon(UUID verificationId) {
        if (!waiting.add(verificationId) || !drainQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(this::drain);
        } catch (RejectedExecutionException stopped) {
            waiting.remove(verificationId);
        }
    }

    /**
     * Takes every verification named so far. The flag is cleared before the set is read: a verification named after
     * that queues another run, one named before it is in this one.
     */
    private void drain() {
        drainQueued.set(false);
        List<UUID> batch = new ArrayList<>();
        for (Iterator<UUID> named = waiting.iterator(); named.hasNext(); ) {
            batch.add(named.next());
            named.remove();
            if (batch.size() == BATCH) {
                sealSafely(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            sealSafely(batch);
        }
    }

    private void sealSafely(List<UUID> verifications) {
        try {
            chain.seal(verifications);
        } catch (RuntimeException e) {
            // the rows stay unsealed until the next seal of their verification or a start-up
            log.warn("could not seal the audit rows of {} verifications: {}", verifications.size(), e.toString());
        }
    }

    /**
     * Waits, at most {@code timeout}, until the seals asked for before this call are done: a check that follows a
     * commit of this node then finds its rows sealed. The thread runs its tasks in order, so an empty task queued
     * now runs after them.
     */
    void awaitQueued(Duration timeout) {
        try {
            thread.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | ExecutionException stopped) {
            log.debug("the audit sealer has stopped; checking without waiting", stopped);
        } catch (TimeoutException slow) {
            log.debug("the audit sealer is still busy after {}; checking anyway", timeout);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Seals what it was asked to seal before it stopped, for at most ten seconds. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("stopped with {} verifications' audit rows unsealed; the next start-up seals them", waiting.size());
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
