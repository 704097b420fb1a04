package com.centralstation.verification.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A contact's personal response link as stored: only the hash of the token, never the token itself,
 * bound to one verification and one contact, expiring, and used at most once.
 */
public record ResponseToken(String tokenHash, UUID verificationId, long contactId, Instant expiresAt,
                            Optional<Instant> usedAt) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public ResponseToken {
        tokenHash = Require.text(tokenHash, "tokenHash");
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        usedAt = usedAt == null ? Optional.empty() : usedAt;
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** A new token of 256 random bits for one contact and one verification. */
    public static Issued issue(UUID verificationId, long contactId, Instant expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Issued(raw, new ResponseToken(hashOf(raw), verificationId, contactId, expiresAt, Optional.empty()));
    }

    /** The SHA-256 of a raw token, as stored. */
    public static String hashOf(String rawToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A token just issued: the raw value goes into the contact's link (and nowhere else), the token
     * with its hash into the store.
     */
    public record Issued(String rawToken, ResponseToken token) {
    }
}
