package com.centralstation.verification.core.usecase;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * CHeKT withdrew a verification: it cancelled it, or the alarm behind it was resolved.
 *
 * @param cancelledVerification the verification it names; null when it names none (an alarm that had no
 *                              verification)
 */
public record Cancellation(UUID cancelledVerification) implements ChektEvent {

    /** The event types that cancel a verification; the type is the cancellation's recorded reason. */
    public static final List<String> EVENT_TYPES = List.of("verification.cancelled", "alarm.resolved");

    @Override
    public Optional<UUID> verificationId() {
        return Optional.ofNullable(cancelledVerification);
    }
}
