package com.centralstation.verification.core.usecase;

import java.util.Optional;
import java.util.UUID;

/**
 * What a CHeKT delivery says, as the webhook adapter read it from the envelope's {@code data}: a
 * {@link VerificationRequest}, a {@link Cancellation}, or {@link #NONE} for an event type this service does not read.
 */
public interface ChektEvent {

    /** An event of a type this service does not act on: kept in the inbox, nothing else. */
    ChektEvent NONE = Optional::empty;

    /** The verification the event is about, stored with the delivery in the inbox; empty when it names none. */
    Optional<UUID> verificationId();
}
