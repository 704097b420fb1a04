package com.centralstation.verification.core.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * How CHeKT names one verification. CHeKT uses two identifiers for it: the numeric
 * {@code alarmVerificationId} goes into the PATCH path, the UUID into the PATCH body.
 */
public record ChektReference(SiteRef site, long alarmVerificationId, UUID verificationId) {

    public ChektReference {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(verificationId, "verificationId");
        if (alarmVerificationId <= 0) {
            throw new IllegalArgumentException("alarmVerificationId must be positive, was " + alarmVerificationId);
        }
    }
}
