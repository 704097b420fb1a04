package com.centralstation.verification.app.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How often, and for how long at most, the embedded H2 file is compacted while the service runs. Unused when
 * the datasource is not an H2 file (the postgres profile).
 *
 * @param interval time between two compactions
 * @param maxTime  the longest one compaction may hold H2's store (commits wait meanwhile)
 */
@Validated
@ConfigurationProperties("verification.h2-compaction")
public record H2CompactionProperties(@NotNull @DefaultValue("PT10S") Duration interval,
                                     @NotNull @DefaultValue("200ms") Duration maxTime) {

    @AssertTrue(message = "interval must be at least one second")
    public boolean isIntervalValid() {
        return interval == null || interval.compareTo(Duration.ofSeconds(1)) >= 0;
    }

    @AssertTrue(message = "max-time must be between 1 ms and 5 s")
    public boolean isMaxTimeValid() {
        return maxTime == null || (maxTime.toMillis() >= 1 && maxTime.compareTo(Duration.ofSeconds(5)) <= 0);
    }
}
