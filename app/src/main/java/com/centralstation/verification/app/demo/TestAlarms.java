package com.centralstation.verification.app.demo;

import com.centralstation.verification.app.web.webhook.WebhookSignature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Triggers a test alarm exactly as CHeKT would: a {@code verification.requested} delivery for the demo site, signed
 * with the configured webhook secret and POSTed over HTTP to this service's own {@code /webhooks/chekt}. Nothing is
 * short-circuited, so a test alarm proves the signature check, the intake, the call list and the process.
 */
public class TestAlarms {

    static final String WEBHOOK_PATH = "/webhooks/chekt";

    private final WebhookSignature signature;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Environment environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** CHeKT's numeric ids; started from the clock so a restarted demo (same H2 file) never reuses one. */
    private final AtomicLong alarmVerificationIds;

    public TestAlarms(WebhookSignature signature, ObjectMapper mapper, Clock clock, Environment environment) {
        DemoProfile.require(environment, TestAlarms.class);
        this.signature = signature;
        this.mapper = mapper;
        this.clock = clock;
        this.environment = environment;
        this.alarmVerificationIds = new AtomicLong(Instant.now().getEpochSecond() % 100_000_000L * 10);
    }

    /** Delivers one test alarm and reports what the webhook answered. */
    public Triggered trigger(String trigger) {
        UUID verificationId = UUID.randomUUID();
        long alarmVerificationId = alarmVerificationIds.incrementAndGet();
        String eventId = "evt_test_" + UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant();
        String body = body(eventId, verificationId, alarmVerificationId, trigger, now);
        String timestamp = String.valueOf(now.getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(ownWebhook())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signature.headersFor(timestamp, body.getBytes(StandardCharsets.UTF_8)).forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Triggered(verificationId, alarmVerificationId, eventId, trigger, now, response.statusCode(),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the service's own webhook did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering the test alarm", e);
        }
    }

    private String body(String eventId, UUID verificationId, long alarmVerificationId, String trigger, Instant now) {
        Map<String, Object> alarm = new LinkedHashMap<>();
        alarm.put("alarm_id", "TEST-" + alarmVerificationId);
        alarm.put("trigger", trigger);
        alarm.put("priority", "HIGH");
        alarm.put("location", "Main entrance (test alarm)");
        alarm.put("occurred_at", now.toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dealer_id", DemoSite.SITE.dealerId());
        data.put("site_id", DemoSite.SITE.siteId());
        data.put("alarm_verification_id", alarmVerificationId);
        data.put("verification_id", verificationId.toString());
        data.put("alarm", alarm);
        // No contacts: the service uses the site's stored call list, the one the demo seeded.
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("type", "verification.requested");
        event.put("created_at", now.toString());
        event.put("data", data);
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The port this service really listens on (a random one in tests), over loopback. */
    private URI ownWebhook() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String address = environment.getProperty("server.address", "");
        String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1"
                : address.contains(":") ? "[" + address + "]" : address;
        return URI.create("http://" + host + ":" + port + WEBHOOK_PATH);
    }

    /** A delivered test alarm: accepted when the webhook answered 202. */
    public record Triggered(UUID verificationId, long alarmVerificationId, String eventId, String trigger,
                            Instant triggeredAt, int webhookStatus, String webhookAnswer) {

        public boolean accepted() {
            return webhookStatus == 202;
        }
    }
}
