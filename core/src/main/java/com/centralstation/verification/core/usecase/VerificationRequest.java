package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.Contact;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * CHeKT's request to verify an alarm, already read from the wire.
 *
 * @param contacts the contacts CHeKT sent with the request, in its order; empty to use the site's stored call list
 */
public record VerificationRequest(ChektReference chekt, Alarm alarm, List<Contact> contacts) implements ChektEvent {

    /** The event type of a request, as CHeKT's envelope names it. */
    public static final String EVENT_TYPE = "verification.requested";

    public VerificationRequest {
        Objects.requireNonNull(chekt, "chekt");
        Objects.requireNonNull(alarm, "alarm");
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    @Override
    public Optional<UUID> verificationId() {
        return Optional.of(chekt.verificationId());
    }
}
