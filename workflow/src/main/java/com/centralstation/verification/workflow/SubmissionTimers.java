package com.centralstation.verification.workflow;

import java.util.Objects;

/**
 * The submission's timer duration as the model's expression reads it ({@code ${submissionTimers.dispatchDeadline}}):
 * an ISO-8601 string, the format Camunda's timeDuration takes.
 */
public final class SubmissionTimers {

    /** The bean name the model's timer expression uses. */
    public static final String BEAN_NAME = "submissionTimers";

    private final String dispatchDeadline;

    public SubmissionTimers(SubmissionProperties properties) {
        this.dispatchDeadline = Objects.requireNonNull(properties.dispatchDeadline(), "dispatchDeadline").toString();
    }

    public String getDispatchDeadline() {
        return dispatchDeadline;
    }
}
