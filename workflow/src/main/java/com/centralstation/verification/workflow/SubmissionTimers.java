package com.centralstation.verification.workflow;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The submission's times as the model's expressions read them, in the formats Camunda takes: the dispatch deadline
 * ({@code ${submissionTimers.dispatchDeadline}}, a timer's ISO-8601 duration) and the retry cycle of "Submit decision
 * to CHeKT" ({@code ${submissionTimers.retryCycle}}, its failedJobRetryTimeCycle: ISO-8601 durations separated by
 * commas, such as {@code PT10S,PT30S,PT1M,PT2M,PT5M}).
 */
public final class SubmissionTimers {

    /** The bean name the model's expressions use. */
    public static final String BEAN_NAME = "submissionTimers";

    private final String dispatchDeadline;
    private final String retryCycle;

    public SubmissionTimers(SubmissionProperties properties) {
        this.dispatchDeadline = Objects.requireNonNull(properties.dispatchDeadline(), "dispatchDeadline").toString();
        this.retryCycle = Objects.requireNonNull(properties.retryCycle(), "retryCycle").stream()
                .map(Duration::toString).collect(Collectors.joining(","));
    }

    public String getDispatchDeadline() {
        return dispatchDeadline;
    }

    public String getRetryCycle() {
        return retryCycle;
    }
}
