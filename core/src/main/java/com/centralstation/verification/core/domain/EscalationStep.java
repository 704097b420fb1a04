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

    /** One of the 2, 5 and 10-minute timers: an escalation proper. */
    public boolean isTimer() {
        return this == AFTER_2_MINUTES || this == AFTER_5_MINUTES || this == AFTER_10_MINUTES;
    }

    public static Optional<EscalationStep> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
