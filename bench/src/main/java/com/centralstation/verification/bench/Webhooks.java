package com.centralstation.verification.bench;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Alarms as CHeKT delivers them: the contract's example body with fresh identifiers, signed as CHeKT signs. */
final class Webhooks {

    static final String SECRET = "whsec_bench_secret";
    private static final String TEMPLATE = load();
    private static final AtomicLong NEXT_ALARM_VERIFICATION_ID = new AtomicLong(100_000);
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(Webhooks::newMac);

    private Webhooks() {
    }

    record Alarm(UUID verificationId, long alarmVerificationId, String body) {
    }

    /** Contact 67890 (Ann, first on the contract's call list of three) is the one notified first. */
    static final long FIRST_CONTACT = 67890;

    static Alarm fresh() {
        return fresh("motion");
    }

    /** An alarm of the contract's example with another trigger ("fire": a life-safety alarm). */
    static Alarm fresh(String trigger) {
        UUID id = UUID.randomUUID();
        long alarmVerificationId = NEXT_ALARM_VERIFICATION_ID.incrementAndGet();
        String body = TEMPLATE
                .replace("evt_2hKqx9", "evt_" + UUID.randomUUID())
                .replace("550e8400-e29b-41d4-a716-446655440000", id.toString())
                .replace("\"alarm_verification_id\":1,", "\"alarm_verification_id\":" + alarmVerificationId + ",")
                .replace("\"trigger\":\"motion\"", "\"trigger\":\"" + trigger + "\"");
        return new Alarm(id, alarmVerificationId, body);
    }

    /** Lowercase hex HMAC-SHA256(secret, "{timestamp}.{raw body}"), as the contract's vector pins it. */
    static String sign(String timestamp, String body) {
        Mac mac = MAC.get();
        return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String load() {
        try (InputStream in = Webhooks.class.getResourceAsStream("/verification-requested.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
