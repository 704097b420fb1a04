package com.centralstation.verification.workflow;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * How decisions reach CHeKT: {@code verification.submission.*}. The model reads both through
 * {@link SubmissionTimers}; the demo compresses them here, never in the model.
 *
 * @param dispatchDeadline a DISPATCH that CHeKT has not taken this long after its decision, for any reason (429, 503,
 *                         timeouts), also goes to an operator ("call the agency") while the submission keeps trying
 * @param retryCycle       how long a submission that failed for now (5xx, no answer) waits before each retry, in
 *                         order: n waits give it n + 1 attempts before a disregard becomes an incident (a dispatch
 *                         goes to an operator by its deadline); default {@value #DEFAULT_CYCLE}
 */
@Validated
@ConfigurationProperties("verification.submission")
public record SubmissionProperties(
        @DefaultValue("PT2M") @NotNull
        @DurationMin(seconds = 10, message = "verification.submission.dispatch-deadline must be at least 10 seconds")
        @DurationMax(minutes = 15, message = "verification.submission.dispatch-deadline must be at most 15 minutes")
        Duration dispatchDeadline,
        @DefaultValue(DEFAULT_CYCLE)
        @NotEmpty(message = "verification.submission.retry-cycle must list at least one wait, such as " + DEFAULT_CYCLE)
        @Size(max = 20, message = "verification.submission.retry-cycle must list at most 20 waits")
        List<Duration> retryCycle) {

    /** The cycle the model has always had; production keeps it unless configured otherwise. */
    public static final String DEFAULT_CYCLE = "PT10S,PT30S,PT1M,PT2M,PT5M";

    public static SubmissionProperties defaults() {
        return new SubmissionProperties(Duration.ofMinutes(2), List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5)));
    }

    @AssertTrue(message = "verification.submission.retry-cycle must list positive durations of at most a day each")
    public boolean isEveryWaitPositive() {
        return retryCycle == null || retryCycle.stream()
                .allMatch(wait -> wait != null && !wait.isNegative() && !wait.isZero() && wait.compareTo(Duration.ofDays(1)) <= 0);
    }
}
