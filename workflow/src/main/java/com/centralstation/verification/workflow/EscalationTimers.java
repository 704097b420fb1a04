package com.centralstation.verification.workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * The timer durations as the model's expressions read them ({@code ${escalationTimers.first}}):
 * ISO-8601 strings, the format Camunda's timeDuration takes.
 */
public final class EscalationTimers {

    /** The bean name the model's timer expressions use. */
    public static final String BEAN_NAME = "escalationTimers";

    private final Duration first;
    private final Duration second;
    private final Duration third;

    public EscalationTimers(EscalationProperties properties) {
        this.first = Objects.requireNonNull(properties.first(), "first");
        this.second = Objects.requireNonNull(properties.second(), "second");
        this.third = Objects.requireNonNull(properties.third(), "third");
    }

    public String getFirst() {
        return first.toString();
    }

    public String getSecond() {
        return second.toString();
    }

    public String getThird() {
        return third.toString();
    }
}
