package com.centralstation.verification.workflow;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * How long a submission to CHeKT that failed for now (5xx, no answer) waits before each retry:
 * {@code verification.submission.retry-cycle}, a comma-separated list of ISO-8601 durations. The model reads it
 * through {@link SubmissionRetries}; the demo compresses it here, never in the model. A list of n waits gives the
 * submission n + 1 attempts before a disregard becomes an incident (a dispatch goes to an operator by its deadline).
 *
 * @param retryCycle the waits, in order; default PT10S,PT30S,PT1M,PT2M,PT5M
 */
@Validated
@ConfigurationProperties("verification.submission")
public record SubmissionRetryProperties(
        @DefaultValue(DEFAULT_CYCLE)
        @NotEmpty(message = "verification.submission.retry-cycle must list at least one wait, such as " + DEFAULT_CYCLE)
        @Size(max = 20, message = "verification.submission.retry-cycle must list at most 20 waits")
        List<Duration> retryCycle) {

    /** The cycle the model has always had; production keeps it unless configured otherwise. */
    public static final String DEFAULT_CYCLE = "PT10S,PT30S,PT1M,PT2M,PT5M";

    public static SubmissionRetryProperties defaults() {
        return new SubmissionRetryProperties(List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofMinutes(5)));
    }

    @AssertTrue(message = "verification.submission.retry-cycle must list positive durations of at most a day each")
    public boolean isEveryWaitPositive() {
        return retryCycle == null || retryCycle.stream()
                .allMatch(wait -> wait != null && !wait.isNegative() && !wait.isZero() && wait.compareTo(Duration.ofDays(1)) <= 0);
    }
}
