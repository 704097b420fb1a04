package com.centralstation.verification.app.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * CHeKT's webhook signature computed from the documented scheme, not by the service's own WebhookSignature the
 * tests are meant to check: hex HMAC-SHA256 of {@code timestamp.body} (the legacy scheme signs the body alone).
 */
public final class ChektSignature {

    private ChektSignature() {
    }

    /** The {@code X-CHeKT-Signature} of a delivery signed at {@code timestamp} (unix seconds). */
    public static String of(String secret, String timestamp, String body) {
        return hmacSha256Hex(secret, timestamp + "." + body);
    }

    /** Hex HMAC-SHA256 of {@code content} with {@code secret}, both read as UTF-8. */
    public static String hmacSha256Hex(String secret, String content) {
        return hmacSha256Hex(secret, content.getBytes(StandardCharsets.UTF_8));
    }

    public static String hmacSha256Hex(String secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
