package com.centralstation.verification.adapters.persistence;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of one audit row in its chain: HMAC-SHA256, keyed with {@code verification.audit.chain-key}, over the
 * previous row's hash and the row's content as stored (verification, instant to the microsecond, type, actor, the
 * details' stored JSON, whose keys are sorted). Each field is length-prefixed, so no two different rows share an
 * input. The key lives outside the database: whoever can write the database cannot compute a row's hash, so an
 * edited row, a row put in or taken out, stays visible however the columns around it are rewritten.
 */
final class AuditRowHash {

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    AuditRowHash(String chainKey) {
        this.key = new SecretKeySpec(chainKey.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    String of(String previousHash, UUID verificationId, Instant at, String type, String actor, String details) {
        Mac mac;
        try {
            mac = Mac.getInstance(HMAC);
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
        for (byte[] field : fields(previousHash, verificationId, at, type, actor, details)) {
            mac.update(field);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * The unkeyed SHA-256 the chain used before it had a key, read only to verify an old chain once before it is
     * re-keyed ({@link AuditChainRekeying}).
     */
    static String unkeyed(String previousHash, UUID verificationId, Instant at, String type, String actor, String details) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (byte[] field : fields(previousHash, verificationId, at, type, actor, details)) {
            sha256.update(field);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static byte[][] fields(String previousHash, UUID verificationId, Instant at, String type, String actor,
                                   String details) {
        String[] values = {previousHash == null ? "" : previousHash, verificationId.toString(), at.toString(), type, actor,
                details};
        byte[][] fields = new byte[values.length * 2][];
        for (int i = 0; i < values.length; i++) {
            byte[] bytes = values[i].getBytes(StandardCharsets.UTF_8);
            fields[2 * i] = (bytes.length + ":").getBytes(StandardCharsets.UTF_8);
            fields[2 * i + 1] = bytes;
        }
        return fields;
    }
}
