package com.centralstation.verification.app.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Webhook bodies for tests: the contract's own example, and variations of it with fresh identifiers. */
public final class Alarms {

    private static final AtomicLong NEXT_ALARM_VERIFICATION_ID = new AtomicLong(1000);

    private Alarms() {
    }

    /** The contract vector's raw body, byte for byte. */
    static String contractBody() {
        try (InputStream in = Alarms.class.getResourceAsStream("/contract/verification-requested.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh verification on the contract's site with the contract's three contacts (Ann, Ben, Cho). */
    public static Alarm fresh(String trigger) {
        return new Alarm(UUID.randomUUID(), NEXT_ALARM_VERIFICATION_ID.incrementAndGet(), "evt_" + UUID.randomUUID(), trigger);
    }

    public record Alarm(UUID verificationId, long alarmVerificationId, String eventId, String trigger) {

        public String body() {
            return contractBody()
                    .replace("evt_2hKqx9", eventId)
                    .replace("550e8400-e29b-41d4-a716-446655440000", verificationId.toString())
                    .replace("\"alarm_verification_id\":1,", "\"alarm_verification_id\":" + alarmVerificationId + ",")
                    .replace("\"trigger\":\"motion\"", "\"trigger\":\"" + trigger + "\"");
        }

        /** The same delivery for another dealer's site, with its own priority and location. */
        public String body(String dealerId, String siteId, String priority, String location) {
            return body().replace("\"dealer_id\":\"12345\"", "\"dealer_id\":\"" + dealerId + "\"")
                    .replace("\"site_id\":\"1\"", "\"site_id\":\"" + siteId + "\"")
                    .replace("\"priority\":\"HIGH\"", "\"priority\":\"" + priority + "\"")
                    .replace("\"location\":\"Main Entrance\"", "\"location\":\"" + location + "\"");
        }

        String patchPath() {
            return "/partner/v1/dealers/12345/sites/1/alarm-verifications/" + alarmVerificationId;
        }

        String cancellation(String type) {
            return "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"created_at\":\"2026-05-26T10:30:00Z\","
                    + "\"data\":{\"dealer_id\":\"12345\",\"site_id\":\"1\",\"verification_id\":\"" + verificationId + "\"}}";
        }
    }
}
