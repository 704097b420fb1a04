package com.centralstation.verification.app.storage;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.centralstation.verification.workflow.engine.StorageFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** An outage of an hour says so in a line a minute, whatever fails how often meanwhile. */
class StorageOutageTest {

    private static final StorageFailure DISK_FULL = new StorageFailure(StorageFailure.DISK_FULL);
    private static final StorageFailure CLOSED = new StorageFailure("database closed after a failed write");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-05-26T02:00:00Z"));
    private final StorageOutage outage = new StorageOutage(clock);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(StorageOutage.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(StorageOutage.class)).detachAppender(log);
    }

    @Test
    void anHourOfFailuresEveryFewHundredMillisecondsLogsALineAMinuteThenOneWhenItEnds() {
        outage.writeWorked();
        for (int step = 0; step < 60 * 60 * 4; step++) {
            if (step % 7 == 0) {
                outage.requestRefused(DISK_FULL);
            } else {
                outage.failed(step < 10 ? DISK_FULL : CLOSED);
            }
            clock.advance(Duration.ofMillis(250));
        }
        outage.writeWorked();

        assertThat(log.list).hasSize(1 + 59 + 1);
        assertThat(log.list.get(0).getFormattedMessage()).startsWith("Storage unavailable since 2026-05-26T02:00:00Z: disk full.");
        assertThat(log.list.get(1).getFormattedMessage())
                .startsWith("Storage still unavailable since 2026-05-26T02:00:00Z (60 s): disk full (latest: database closed");
        assertThat(log.list.get(60).getFormattedMessage()).startsWith("Storage writes again after 3600 s")
                .contains("14400 failures, 2058 requests answered 503");
        assertThat(outage.current()).isEmpty();
        assertThat(outage.lastWrite()).hasValue(clock.instant());
    }

    @Test
    void theOutageShowsItsFirstCauseItsLatestAndItsCounts() {
        outage.failed(DISK_FULL);
        clock.advance(Duration.ofSeconds(3));
        outage.requestRefused(CLOSED);

        assertThat(outage.current()).hasValueSatisfying(episode -> {
            assertThat(episode.since()).isEqualTo(Instant.parse("2026-05-26T02:00:00Z"));
            assertThat(episode.cause()).isEqualTo(StorageFailure.DISK_FULL);
            assertThat(episode.latestCause()).isEqualTo("database closed after a failed write");
            assertThat(episode.failures()).isEqualTo(2);
            assertThat(episode.requestsRefused()).isEqualTo(1);
        });
        assertThat(log.list).hasSize(1);
    }

    @Test
    void aWriteThatWorksWithoutAnOutageLogsNothing() {
        outage.writeWorked();
        outage.writeWorked();

        assertThat(log.list).isEmpty();
        assertThat(outage.current()).isEmpty();
    }

    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
