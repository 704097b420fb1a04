package com.centralstation.verification.app.storage;

import com.centralstation.verification.workflow.engine.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the database can write now, as the service has last seen it, and the log of an outage: one line when it
 * begins, one a minute while it lasts, one when a write works again. The failures in between (every refused
 * request, every job and every poll of the job executor that ran into it) are counted, not logged: an outage of an
 * hour must not bury the log in stack traces.
 *
 * <p>An outage begins with the first storage failure anyone reports, and ends only when a write is proven to work
 * again ({@link StorageWatch}'s heartbeat), never because a read happened to succeed.
 */
public final class StorageOutage {

    /** While an outage lasts, a line every this long. */
    static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(StorageOutage.class);

    private final Clock clock;
    private volatile Runnable whenBegun = () -> { };
    private Episode episode;
    private Instant lastLogged;
    private Instant lastWrite;

    public StorageOutage(Clock clock) {
        this.clock = clock;
    }

    /**
     * An outage under way.
     *
     * @param since            when the first failure was reported
     * @param cause            the cause of the first failure, which began it (later ones often only say that the
     *                         database is closed)
     * @param latestCause      the cause of the latest failure
     * @param failures         failures reported since it began (requests, jobs, the job executor's polls, heartbeats)
     * @param requestsRefused  of those, requests answered 503
     */
    public record Episode(Instant since, String cause, String latestCause, long failures, long requestsRefused) {

        public Duration lasted(Instant now) {
            return Duration.between(since, now);
        }
    }

    /** Called (outside any lock) when an outage begins: the heartbeat checks at once whether a write really fails. */
    void whenBegun(Runnable action) {
        whenBegun = action;
    }

    /** The outage under way, if any. */
    public synchronized Optional<Episode> current() {
        return Optional.ofNullable(episode);
    }

    /** When a write was last proven to work; empty before the first. */
    public synchronized Optional<Instant> lastWrite() {
        return Optional.ofNullable(lastWrite);
    }

    /** A request was refused (503) because of this failure. */
    public void requestRefused(StorageFailure failure) {
        report(failure, 1);
    }

    /**
     * For the web: whether a request's failure means the database cannot store anything just now. If so, the request
     * is counted as refused (the outage logs it, not the caller) and the failure's cause (e.g. "disk full") returned
     * for the answer; otherwise nothing is counted and the failure is the caller's to handle.
     */
    public Optional<String> refusesRequest(Throwable failure) {
        Optional<StorageFailure> storage = StorageFailure.in(failure);
        storage.ifPresent(this::requestRefused);
        return storage.map(StorageFailure::cause);
    }

    /** Anything else ran into this failure (a job, a poll, a heartbeat, a log line that was held back). */
    public void failed(StorageFailure failure) {
        report(failure, 0);
    }

    /** A write worked: ends the outage, if one was under way. */
    public void writeWorked() {
        Episode ended;
        Instant now = clock.instant();
        synchronized (this) {
            lastWrite = now;
            ended = episode;
            episode = null;
            lastLogged = null;
        }
        if (ended != null) {
            log.warn("Storage writes again after {} s (unavailable since {}: {}); {} failures, {} requests answered 503"
                            + " meanwhile", ended.lasted(now).toSeconds(), ended.since(), ended.cause(), ended.failures(),
                    ended.requestsRefused());
        }
    }

    private void report(StorageFailure failure, int refused) {
        Instant now = clock.instant();
        Episode begun = null;
        Episode lasting = null;
        synchronized (this) {
            if (episode == null) {
                episode = new Episode(now, failure.cause(), failure.cause(), 1, refused);
                begun = episode;
                lastLogged = now;
            } else {
                episode = new Episode(episode.since(), episode.cause(), failure.cause(), episode.failures() + 1,
                        episode.requestsRefused() + refused);
                if (!now.isBefore(lastLogged.plus(LOG_EVERY))) {
                    lasting = episode;
                    lastLogged = now;
                }
            }
        }
        if (begun != null) {
            log.error("Storage unavailable since {}: {}. Webhooks and decisions are answered 503 with Retry-After,"
                    + " contacts are asked to try again in a minute, jobs wait without spending retries; the service"
                    + " checks every few seconds and resumes by itself when a write works", begun.since(), begun.cause());
            whenBegun.run();
        } else if (lasting != null) {
            log.error("Storage still unavailable since {} ({} s): {} (latest: {}); {} failures, {} requests answered"
                            + " 503 so far", lasting.since(), lasting.lasted(now).toSeconds(), lasting.cause(),
                    lasting.latestCause(), lasting.failures(), lasting.requestsRefused());
        }
    }
}
