package com.centralstation.verification.app.inbox;

import com.centralstation.verification.core.usecase.StartReceivedVerifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * This node's starter: a thread that starts the requests waiting in the inbox, batch after batch while whole batches
 * come back, then waits: {@code poll-interval} at first, twice as long after each batch that found nothing, up to
 * {@code max-poll-interval}. A webhook taken in on this node {@link #nudge nudges} it after its commit, so a request
 * waits for the next batch, not for a poll. Waiting requests survive any stop; they are started after the next
 * start-up, by this node or another.
 */
public final class InboxStarter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxStarter.class);

    private final StartReceivedVerifications starts;
    private final long pollNanos;
    private final long maxPollNanos;
    private final boolean enabled;
    private volatile boolean running;
    private volatile Thread thread;

    public InboxStarter(StartReceivedVerifications starts, Duration pollInterval, Duration maxPollInterval, boolean enabled) {
        this.starts = starts;
        this.pollNanos = pollInterval.toNanos();
        this.maxPollNanos = maxPollInterval.toNanos();
        this.enabled = enabled;
    }

    /** Wakes the starter now: a request was just taken in on this node. */
    public void nudge() {
        Thread starter = thread;
        if (starter != null) {
            LockSupport.unpark(starter);
        }
    }

    @Override
    public synchronized void start() {
        if (!enabled) {
            log.info("The inbox starter of this node is off (verification.inbox.starter-enabled=false): requests taken in"
                    + " here are started by other nodes");
            return;
        }
        running = true;
        Thread starter = new Thread(this::startWhileRunning, "inbox-starter");
        starter.setDaemon(true);
        thread = starter;
        starter.start();
    }

    /** Lets the batch under way finish (it is one transaction); what still waits is started after the next start-up. */
    @Override
    public synchronized void stop() {
        running = false;
        Thread starter = thread;
        if (starter != null) {
            LockSupport.unpark(starter);
            try {
                starter.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void startWhileRunning() {
        long wait = pollNanos;
        while (running) {
            try {
                StartReceivedVerifications.Batch batch = starts.startNext();
                report(batch);
                if (batch.full()) {
                    wait = pollNanos;
                    continue;
                }
                wait = batch.tookAny() ? pollNanos : Math.min(wait * 2, maxPollNanos);
            } catch (RuntimeException failed) {
                // the database is away: nothing changed, the requests wait
                log.warn("The inbox starter could not take waiting requests; trying again in {} ms: {}",
                        TimeUnit.NANOSECONDS.toMillis(maxPollNanos), failed.toString());
                wait = maxPollNanos;
            }
            LockSupport.parkNanos(this, wait);
        }
    }

    private static void report(StartReceivedVerifications.Batch batch) {
        for (StartReceivedVerifications.Failure failure : batch.failed()) {
            log.warn("Verification {} (event {}) could not be started (attempt {}); it waits to be tried again: {}",
                    failure.verificationId(), failure.eventId(), failure.attempts(), failure.reason());
        }
        for (var quarantined : batch.quarantined()) {
            log.error("Verification {} could not be started after its last attempt; its delivery is in the quarantine"
                    + " (GET /api/webhooks/refused, reason unstartable)", quarantined);
        }
        if (log.isDebugEnabled() && !batch.started().isEmpty()) {
            log.debug("Started {} verifications from the inbox", batch.started().size());
        }
    }
}
