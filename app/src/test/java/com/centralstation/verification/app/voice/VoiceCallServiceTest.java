package com.centralstation.verification.app.voice;

import com.centralstation.verification.app.AlarmVerificationApplication;
import com.centralstation.verification.app.e2e.ChektStubs;
import com.centralstation.verification.app.e2e.ServiceTest;
import com.centralstation.verification.app.respond.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The assembled service calling contacts by phone ({@code channels: voice}) through a Twilio stand-in
 * ({@link VoiceProvider}: WireMock for its REST API, signed callbacks for its side of each call), with CHeKT played by
 * WireMock. The server listens on a port chosen before start-up, because the callback addresses the service gives
 * Twilio, and the signatures over them, name it.
 */
@SpringBootTest(classes = AlarmVerificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability(tracing = false)
public abstract class VoiceCallServiceTest {

    protected static final String WEBHOOK_SECRET = "whsec_voice_calls";
    protected static final Duration PATIENCE = Duration.ofSeconds(30);
    protected static final int PORT = freePort();

    protected static final WireMockServer CHEKT = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final VoiceProvider TWILIO = new VoiceProvider();

    static {
        CHEKT.start();
    }

    @DynamicPropertySource
    static void voiceProperties(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("spring.datasource.url", () -> "jdbc:h2:mem:voice-calls;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        ServiceTest.registerLoginsAndChekt(properties, CHEKT, WEBHOOK_SECRET);
        properties.add("verification.notification.public-base-url", () -> "http://localhost:" + PORT);
        properties.add("verification.notification.channels", () -> "voice");
        properties.add("verification.notification.voice.base-url", TWILIO.api::baseUrl);
        properties.add("verification.notification.voice.account-sid", () -> VoiceProvider.ACCOUNT);
        properties.add("verification.notification.voice.auth-token", () -> VoiceProvider.AUTH_TOKEN);
        properties.add("verification.notification.voice.from", () -> VoiceProvider.FROM);
        properties.add("verification.notification.voice.caller-name", () -> "Northwind Monitoring");
    }

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    protected final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void chektAndTwilioAcceptEverything() {
        CHEKT.resetAll();
        ChektStubs.issueTokens(CHEKT, ServiceTest.TOKEN_PATH);
        ChektStubs.acceptPatches(CHEKT);
        TWILIO.takeCalls();
    }

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
    }

    /** Stops the engine's clock: no escalation timer fires, so whatever moves the ladder does so at once. */
    protected static Instant freezeClock() {
        ClockUtil.setCurrentTime(new Date());
        return ClockUtil.getCurrentTime().toInstant();
    }

    protected TestAlarm newAlarm() {
        return TestAlarm.fresh(ClockUtil.getCurrentTime().toInstant().minusSeconds(5));
    }

    /** Delivers the alarm as CHeKT would: signed, timestamped with the engine's clock. */
    protected void deliver(TestAlarm alarm) {
        String body = alarm.body(json);
        String timestamp = String.valueOf(ClockUtil.getCurrentTime().toInstant().getEpochSecond());
        HttpResponse<String> response = send(HttpRequest.newBuilder(local("/webhooks/chekt"))
                .header("Content-Type", "application/json")
                .header("X-CHeKT-Timestamp", timestamp)
                .header("X-CHeKT-Signature", ServiceTest.signature(WEBHOOK_SECRET, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /**
     * The call the service placed to the contact, once the contact is listed as notified (the provider has the call
     * a moment before the notification's transaction commits).
     */
    protected VoiceProvider.PlacedCall awaitCall(TestAlarm alarm, TestAlarm.TestContact contact) {
        await().atMost(PATIENCE).until(() -> !TWILIO.callsTo(contact.phone()).isEmpty() && wasNotified(alarm, contact));
        List<VoiceProvider.PlacedCall> calls = TWILIO.callsTo(contact.phone());
        return calls.get(calls.size() - 1);
    }

    protected boolean wasNotified(TestAlarm alarm, TestAlarm.TestContact contact) {
        for (JsonNode notified : verification(alarm.verificationId()).get("notified")) {
            if (notified.get("contact_id").asLong() == contact.contactId()) {
                return true;
            }
        }
        return false;
    }

    protected List<LoggedRequest> patchesFor(TestAlarm alarm) {
        return CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath())));
    }

    protected JsonNode verification(UUID verificationId) {
        return stationGet("/api/verifications/" + verificationId);
    }

    protected JsonNode evidence(UUID verificationId) {
        return stationGet("/api/verifications/" + verificationId + "/evidence");
    }

    /** The audit events of one type, oldest first. */
    protected List<JsonNode> timeline(TestAlarm alarm, String type) {
        List<JsonNode> events = new ArrayList<>();
        verification(alarm.verificationId()).get("timeline").forEach(event -> {
            if (event.get("type").asText().equals(type)) {
                events.add(event);
            }
        });
        return events;
    }

    protected HttpResponse<String> stationGetRaw(String path) {
        return send(HttpRequest.newBuilder(local(path)).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (ServiceTest.STATION_USER + ":" + ServiceTest.STATION_PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build());
    }

    private JsonNode stationGet(String path) {
        HttpResponse<String> response = stationGetRaw(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static URI local(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
