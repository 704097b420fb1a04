package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One request from CHeKT to have a site contact verify an alarm, with the call list fixed for it.
 *
 * @param alarmClass the alarm's class, decided at intake; it orders all of this verification's work
 */
public record Verification(ChektReference chekt, Alarm alarm, CallList callList, Instant receivedAt,
                           AlarmClass alarmClass) {

    public Verification {
        Objects.requireNonNull(chekt, "chekt");
        Objects.requireNonNull(alarm, "alarm");
        Objects.requireNonNull(callList, "callList");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(alarmClass, "alarmClass");
    }

    public UUID id() {
        return chekt.verificationId();
    }

    public SiteRef site() {
        return chekt.site();
    }
}
