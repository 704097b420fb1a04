package com.centralstation.verification.workflow;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The submission's retry cycle as the model's expression reads it ({@code ${submissionRetries.cycle}} in the
 * failedJobRetryTimeCycle of "Submit decision to CHeKT"): the format Camunda takes, ISO-8601 durations separated by
 * commas, such as {@code PT10S,PT30S,PT1M,PT2M,PT5M}.
 */
public final class SubmissionRetries {

    /** The bean name the model's retry cycle expression uses. */
    public static final String BEAN_NAME = "submissionRetries";

    private final String cycle;

    public SubmissionRetries(SubmissionRetryProperties properties) {
        this.cycle = Objects.requireNonNull(properties.retryCycle(), "retryCycle").stream()
                .map(Duration::toString).collect(Collectors.joining(","));
    }

    public String getCycle() {
        return cycle;
    }
}
