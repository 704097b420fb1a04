package com.centralstation.verification.app.storage;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code storage} in health and in the readiness group: whether the database takes a write, as the last heartbeat
 * found ({@link StorageWatch}); a health call itself writes nothing. DOWN during an outage, with its cause, and when
 * no heartbeat has worked for several intervals (the watch is stuck waiting for the database), so that health is
 * never UP while a write would fail.
 */
final class StorageHealthIndicator implements HealthIndicator {

    private final StorageOutage outage;
    private final Duration staleAfter;
    private final Clock clock;

    /** @param staleAfter how old the last proven write may be before health stops trusting it */
    StorageHealthIndicator(StorageOutage outage, Duration staleAfter, Clock clock) {
        this.outage = outage;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Optional<StorageOutage.Episode> episode = outage.current();
        if (episode.isPresent()) {
            return Health.down()
                    .withDetail("cause", episode.get().cause())
                    .withDetail("latestCause", episode.get().latestCause())
                    .withDetail("since", episode.get().since().toString())
                    .withDetail("failures", episode.get().failures())
                    .withDetail("requestsRefused", episode.get().requestsRefused())
                    .build();
        }
        Optional<Instant> lastWrite = outage.lastWrite();
        if (lastWrite.isEmpty()) {
            return Health.down().withDetail("cause", "no write proven yet").build();
        }
        if (Duration.between(lastWrite.get(), clock.instant()).compareTo(staleAfter) > 0) {
            return Health.down().withDetail("cause", "no write proven since " + lastWrite.get()).build();
        }
        return Health.up().withDetail("lastWrite", lastWrite.get().toString()).build();
    }
}
