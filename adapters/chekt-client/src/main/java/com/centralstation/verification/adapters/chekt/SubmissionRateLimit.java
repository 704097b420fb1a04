package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.port.out.ChektGatewayException;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's limit on submissions to CHeKT ({@code chekt.rate-limit.requests-per-minute}), a resilience4j rate
 * limiter that hands out one request every 60 s / limit, on the service's clock. Dispatches go first.
 *
 * <p>It never holds a job-executor thread: a submission without a request to spend now is told to wait
 * ({@link ChektGatewayException.AskedToWait}, status 0), and the process waits on its timer and comes back, spending
 * no retry. Which submission gets the next request is left to the engine: waiting submissions come back through
 * the job executor, which takes them by job priority. A dispatch reserves a request when one is free within
 * {@link #HORIZON}; it then waits exactly until that request and uses it when it comes back (on this node). A
 * dispatch that finds the horizon taken waits until a request would fall within it and asks again. Any other
 * submission takes only a request that is free now, and otherwise waits until the next one would be: as long as
 * dispatches wait, they have reserved every request that comes free, so they all go before the first disregard
 * that is waiting.
 */
final class SubmissionRateLimit {

    /** How far ahead a submission may reserve a request; beyond it, it waits and competes again by priority. */
    static final Duration HORIZON = Duration.ofSeconds(5);
    /** The shortest wait of a submission that found no request within the horizon. */
    static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);
    /** Reservations never used (the instance was cancelled meanwhile) are forgotten after this long. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    private static final int FORGET_CHECK_SIZE = 1_000;

    private final AtomicRateLimiter limiter;
    private final Clock clock;
    /** A verification's reserved request: the instant it may be used. */
    private final Map<UUID, Instant> reserved = new ConcurrentHashMap<>();

    private SubmissionRateLimit(AtomicRateLimiter limiter, Clock clock) {
        this.limiter = limiter;
        this.clock = clock;
    }

    /** @return the limit the properties ask for, or {@code null} when they ask for none */
    static SubmissionRateLimit of(ChektRateLimitProperties properties, Clock clock) {
        if (!properties.isOn()) {
            return null;
        }
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(Duration.ofMinutes(1).toNanos() / properties.requestsPerMinute()))
                .timeoutDuration(HORIZON)
                .build();
        // The service's clock (the engine's), so that a test moving the engine's time moves this limit too.
        return new SubmissionRateLimit(new AtomicRateLimiter("chekt-submissions", config,
                () -> Math.multiplyExact(clock.millis(), 1_000_000L)), clock);
    }

    /**
     * Takes a request for this verification's submission, or tells it how long to wait.
     *
     * @param urgent a dispatch: it may reserve a request up to {@link #HORIZON} ahead. Any other submission takes only
     *               a request that is free now, so while dispatches wait, every request that comes free is theirs
     *
     * @throws ChektGatewayException.AskedToWait when no request can be spent now
     */
    void acquire(UUID verificationId, boolean urgent) {
        Instant now = clock.instant();
        Instant slot = reserved.remove(verificationId);
        if (slot != null) {
            if (!now.isBefore(slot)) {
                return;
            }
            reserved.put(verificationId, slot);
            throw waitFor(Duration.between(now, slot));
        }
        if (!urgent) {
            long untilFree = limiter.getDetailedMetrics().getNanosToWait();
            if (untilFree > 0) {
                Duration wait = roundedUp(untilFree);
                throw waitFor(wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait);
            }
        }
        long nanos = limiter.reservePermission();
        if (nanos == 0) {
            return;
        }
        if (nanos > 0) {
            Duration wait = roundedUp(nanos);
            remember(verificationId, now.plus(wait));
            throw waitFor(wait);
        }
        Duration untilFree = roundedUp(limiter.getDetailedMetrics().getNanosToWait());
        Duration wait = untilFree.minus(HORIZON);
        throw waitFor(wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait);
    }

    private void remember(UUID verificationId, Instant slot) {
        if (reserved.size() >= FORGET_CHECK_SIZE) {
            Instant stale = clock.instant().minus(FORGET_AFTER);
            reserved.values().removeIf(at -> at.isBefore(stale));
        }
        reserved.put(verificationId, slot);
    }

    /** A timer fires on the millisecond at best: round up so that a reserved request is never used early. */
    private static Duration roundedUp(long nanos) {
        return Duration.ofMillis(Math.floorDiv(nanos + 999_999L, 1_000_000L));
    }

    private static ChektGatewayException.AskedToWait waitFor(Duration wait) {
        return new ChektGatewayException.AskedToWait("this node's CHeKT rate limit (chekt.rate-limit.requests-per-minute)"
                + " has no request left for now", 0, wait, null, null, null);
    }
}
