package com.centralstation.verification.core.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The points at which the escalation policy is asked what to do: when the first contact has been
 * notified, when each of the three timers (2, 5, 10 minutes after the first notification) fires, and
 * when a later contact's notification was not delivered.
 * {@link #code()} is the value the DMN table matches on.
 */
public enum EscalationStep {
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

    public static Optional<EscalationStep> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
