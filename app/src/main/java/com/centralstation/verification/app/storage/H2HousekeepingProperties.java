package com.centralstation.verification.app.storage;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the embedded H2 file's sparse chunks are rewritten while the service runs. Unused when the datasource is not
 * an H2 file (the postgres profile).
 *
 * @param interval  pause between two runs; each forces the file to disk first
 * @param maxTime   the longest one run keeps rewriting (each step holds H2's store lock while it marks pages)
 * @param fillRate  rewrite while the chunks' fill rate (live bytes in the file's chunks, in percent) is below this
 * @param retention H2's {@code RETENTION_TIME}: how old a dead chunk must be before its space is reused; at least
 *                  five intervals, so what the chunk's replacement wrote was forced to disk several times over
 */
@Validated
@ConfigurationProperties("verification.h2-housekeeping")
public record H2HousekeepingProperties(@NotNull @DefaultValue("500ms") Duration interval,
                                       @NotNull @DefaultValue("200ms") Duration maxTime,
                                       @Min(1) @Max(99) @DefaultValue("80") int fillRate,
                                       @NotNull @DefaultValue("5s") Duration retention) {

    @AssertTrue(message = "retention must be at least five intervals and at most 45 s (H2's default)")
    public boolean isRetentionValid() {
        return retention == null || interval == null || (retention.compareTo(interval.multipliedBy(5)) >= 0
                && retention.compareTo(Duration.ofSeconds(45)) <= 0);
    }

    @AssertTrue(message = "interval must be between 100 ms and 9 s")
    public boolean isIntervalValid() {
        return interval == null || (interval.toMillis() >= 100 && interval.compareTo(Duration.ofSeconds(9)) <= 0);
    }

    @AssertTrue(message = "max-time must be between 1 ms and 5 s")
    public boolean isMaxTimeValid() {
        return maxTime == null || (maxTime.toMillis() >= 1 && maxTime.compareTo(Duration.ofSeconds(5)) <= 0);
    }
}
