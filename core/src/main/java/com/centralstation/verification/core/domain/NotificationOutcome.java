package com.centralstation.verification.core.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * How one notification of one contact ended. {@link #code()} is the value the escalation policy's
 * "Notification outcome" input matches on.
 */
public enum NotificationOutcome {
    /** A channel took the message for the contact. */
    DELIVERED("delivered"),
    /** No enabled channel has an address for the contact, or every channel refused the address. */
    UNREACHABLE("unreachable"),
    /**
     * No channel delivered and at least one failed on our side: the gateway refused our credentials or
     * configuration, or its failures outlasted the attempts allowed.
     */
    CHANNEL_DOWN("channel-down");

    private final String code;

    NotificationOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<NotificationOutcome> fromCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
    }
}
