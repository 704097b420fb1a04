package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A contact's personal response link as stored: only the hash of the token, never the token itself,
 * bound to one verification and one contact, expiring, and used at most once.
 */
public record ResponseToken(String tokenHash, UUID verificationId, long contactId, Instant expiresAt,
                            Optional<Instant> usedAt) {

    public ResponseToken {
        tokenHash = Require.text(tokenHash, "tokenHash");
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        usedAt = usedAt == null ? Optional.empty() : usedAt;
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
