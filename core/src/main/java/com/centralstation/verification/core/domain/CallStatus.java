package com.centralstation.verification.core.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a phone call stands, in the words of Twilio's {@code CallStatus} (any compatible provider uses the same).
 * A call moves forward only: queued or initiated, ringing, in progress, and then one final status.
 */
public enum CallStatus {
    QUEUED("queued", 0),
    INITIATED("initiated", 0),
    RINGING("ringing", 1),
    IN_PROGRESS("in-progress", 2),
    COMPLETED("completed", 3),
    BUSY("busy", 3),
    FAILED("failed", 3),
    NO_ANSWER("no-answer", 3),
    CANCELED("canceled", 3);

    private static final int FINAL = 3;

    private final String code;
    private final int stage;

    CallStatus(String code, int stage) {
        this.code = code;
        this.stage = stage;
    }

    /** The provider's word for it. */
    public String code() {
        return code;
    }

    /** The call is over: nothing the provider reports later changes it. */
    public boolean isFinal() {
        return stage == FINAL;
    }

    /** Whether this status lies after {@code other} in a call's life (used when a report carries no sequence number). */
    public boolean isAfter(CallStatus other) {
        return stage > other.stage;
    }

    public static Optional<CallStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(status -> status.code.equals(code)).findFirst();
    }
}
