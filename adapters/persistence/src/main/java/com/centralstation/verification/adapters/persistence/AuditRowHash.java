package com.centralstation.verification.adapters.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of one audit row in its chain: SHA-256 over the previous row's hash and the row's content
 * as stored (verification, instant to the microsecond, type, actor, the details' stored JSON, whose
 * keys are sorted). Each field is length-prefixed, so no two different rows share an input.
 */
final class AuditRowHash {

    private AuditRowHash() {
    }

    static String of(String previousHash, UUID verificationId, Instant at, String type, String actor, String details) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (String field : new String[]{previousHash == null ? "" : previousHash, verificationId.toString(),
                at.toString(), type, actor, details}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
