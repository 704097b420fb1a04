package com.centralstation.verification.app.storage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import com.centralstation.verification.workflow.engine.StorageFailure;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's stack trace per failed job and poll is held back and counted while an outage is known. */
class StorageFailureLogFilterTest {

    private static final SQLException DISK_FULL = new SQLException("IO Exception: No space left on device [90028-232]",
            "90028", 90028);

    private final StorageOutage outage = new StorageOutage(Clock.systemUTC());
    private final AtomicInteger checks = new AtomicInteger();
    private final StorageFailureLogFilter filter = new StorageFailureLogFilter(outage, checks::incrementAndGet);
    private final Logger engine = new LoggerContext().getLogger("org.camunda.bpm.engine.jobexecutor");

    @Test
    void whileAnOutageIsKnownAStorageFailureIsHeldBackAndCounted() {
        outage.failed(new StorageFailure(StorageFailure.DISK_FULL));

        FilterReply asArgument = filter.decide(null, engine, Level.ERROR, "ENGINE-14006 Exception during job acquisition {}",
                new Object[]{DISK_FULL.getMessage(), new RuntimeException(DISK_FULL)}, null);
        FilterReply asThrowable = filter.decide(null, engine, Level.WARN, "failed", null, new RuntimeException(DISK_FULL));

        assertThat(asArgument).isEqualTo(FilterReply.DENY);
        assertThat(asThrowable).isEqualTo(FilterReply.DENY);
        assertThat(outage.current()).hasValueSatisfying(episode -> assertThat(episode.failures()).isEqualTo(3));
        assertThat(checks).hasValue(0);
    }

    @Test
    void theFirstNewsOfAStorageFailurePassesAndAsksForAHeartbeatAtOnce() {
        FilterReply reply = filter.decide(null, engine, Level.ERROR, "failed", null, new RuntimeException(DISK_FULL));

        assertThat(reply).isEqualTo(FilterReply.NEUTRAL);
        assertThat(checks).hasValue(1);
        assertThat(outage.current()).as("only a failed heartbeat or request begins an outage").isEmpty();
    }

    @Test
    void otherFailuresAndQuieterLevelsAreLeftAlone() {
        outage.failed(new StorageFailure(StorageFailure.DISK_FULL));

        assertThat(filter.decide(null, engine, Level.ERROR, "bug", null, new IllegalStateException("a bug")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, engine, Level.INFO, "fine", null, new RuntimeException(DISK_FULL)))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, engine, Level.ERROR, "no throwable", new Object[]{"x"}, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(outage.current()).hasValueSatisfying(episode -> assertThat(episode.failures()).isEqualTo(1));
    }
}
