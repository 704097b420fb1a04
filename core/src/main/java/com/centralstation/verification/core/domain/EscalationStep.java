package com.centralstation.verification.core.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The points at which the escalation policy is asked what to do: when the verification arrives (in
 * the webhook's transaction, before anyone is notified), when its first contact has been notified,
 * when each of the three timers (2, 5, 10 minutes after the first notification) fires, and when a
 * later contact's notification was not delivered.
 * {@link #code()} is the value the DMN table matches on.
 */
public enum EscalationStep {
    INTAKE("intake"),
    INITIAL("initial"),
    AFTER_2_MINUTES("2min"),
    AFTER_5_MINUTES("5min"),
    AFTER_10_MINUTES("10min"),
    /** A contact called after the first one was unreachable, or their channel is down. */
    UNDELIVERED("undelivered");

    private final String code;

    EscalationStep(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * A step that moves the ladder on (a timer, or a later contact who could not be reached), as opposed to the
     * policy's first looks at intake and after the first notification: only these count as escalations.
     */
    public boolean isEscalation() {
        return this != INTAKE && this != INITIAL;
    }

    public static Optional<EscalationStep> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
