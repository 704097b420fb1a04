package com.centralstation.verification.app.web.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks that a delivery comes from CHeKT: HMAC-SHA256 with the shared secret, compared in constant
 * time over the raw bytes, and (current scheme) a fresh timestamp so a captured delivery cannot be replayed.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-CHeKT-Timestamp";
    public static final String SIGNATURE_HEADER = "X-CHeKT-Signature";
    public static final String LEGACY_SIGNATURE_HEADER = "x-webhook-signature";

    /** Unix seconds until the year 33658: digits only, no sign, no exponent, no overflow. */
    private static final int MAX_DIGITS = 12;
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1," + MAX_DIGITS + "}");

    private final byte[] secret;
    private final WebhookProperties.SignatureScheme scheme;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookSignature(String secret, WebhookProperties.SignatureScheme scheme, Duration tolerance, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.scheme = scheme;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * @param timestamp the {@code X-CHeKT-Timestamp} header (unix seconds), null for the legacy scheme
     * @param signature {@code X-CHeKT-Signature} (hex), or {@code x-webhook-signature} ({@code sha256=<hex>}) for legacy
     * @return why the delivery is refused, or null when it is authentic
     */
    public String refusal(String timestamp, String signature, byte[] body) {
        if (signature == null || signature.isBlank()) {
            return "the signature header is missing";
        }
        if (scheme == WebhookProperties.SignatureScheme.LEGACY) {
            String hex = signature.strip();
            if (!hex.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
                return "the signature must have the form sha256=<hex>";
            }
            return matches(hex.substring("sha256=".length()), body, null) ? null : "the signature does not match";
        }
        if (timestamp == null || timestamp.isBlank()) {
            return "the X-CHeKT-Timestamp header is missing";
        }
        if (!UNIX_SECONDS.matcher(timestamp.strip()).matches()) {
            return "the X-CHeKT-Timestamp header must be unix seconds (at most " + MAX_DIGITS + " digits, nothing else)";
        }
        // At most 12 digits: the difference cannot overflow, and no instant beyond what Instant holds is built.
        long age = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp.strip()));
        if (age > tolerance.toSeconds()) {
            return "the signature timestamp is more than " + tolerance.toMinutes() + " minutes away from now";
        }
        return matches(signature.strip(), body, timestamp.strip()) ? null : "the signature does not match";
    }

    /** The header carrying the signature in the configured scheme. */
    public String signatureHeader() {
        return scheme == WebhookProperties.SignatureScheme.LEGACY ? LEGACY_SIGNATURE_HEADER : SIGNATURE_HEADER;
    }

    /**
     * The headers CHeKT sends with {@code body} signed in the configured scheme (the demo's test alarms go in
     * through the real webhook path, signed like CHeKT's).
     */
    public Map<String, String> headersFor(String timestamp, byte[] body) {
        if (scheme == WebhookProperties.SignatureScheme.LEGACY) {
            return Map.of(LEGACY_SIGNATURE_HEADER, "sha256=" + HexFormat.of().formatHex(expected(body, null)));
        }
        return Map.of(TIMESTAMP_HEADER, timestamp, SIGNATURE_HEADER, HexFormat.of().formatHex(expected(body, timestamp)));
    }

    private boolean matches(String hexSignature, byte[] body, String timestamp) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hexSignature.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected(body, timestamp), given);
    }

    private byte[] expected(byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            if (timestamp != null) {
                mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            }
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
