package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One request from CHeKT to have a site contact verify an alarm, with the call list fixed for it. */
public record Verification(ChektReference chekt, Alarm alarm, CallList callList, Instant receivedAt) {

    public Verification {
        Objects.requireNonNull(chekt, "chekt");
        Objects.requireNonNull(alarm, "alarm");
        Objects.requireNonNull(callList, "callList");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public UUID id() {
        return chekt.verificationId();
    }

    public SiteRef site() {
        return chekt.site();
    }
}
