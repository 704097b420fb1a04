package com.centralstation.verification.app.voice;

import com.centralstation.verification.app.AlarmVerificationApplication;
import com.centralstation.verification.app.e2e.ChektStubs;
import com.centralstation.verification.app.respond.ServiceOverHttp;
import com.centralstation.verification.app.testing.ServiceSettings;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.http.HttpResponse;
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
public abstract class VoiceCallServiceTest extends ServiceOverHttp {

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
        ServiceSettings.minimal(CHEKT.baseUrl(), "http://localhost:" + PORT)
                .with("verification.notification.channels", "voice").registerIn(properties);
        properties.add("verification.notification.voice.base-url", TWILIO.api::baseUrl);
        properties.add("verification.notification.voice.account-sid", () -> VoiceProvider.ACCOUNT);
        properties.add("verification.notification.voice.auth-token", () -> VoiceProvider.AUTH_TOKEN);
        properties.add("verification.notification.voice.from", () -> VoiceProvider.FROM);
        properties.add("verification.notification.voice.caller-name", () -> "Northwind Monitoring");
    }

    @Override
    protected int port() {
        return PORT;
    }

    @BeforeEach
    void chektAndTwilioAcceptEverything() {
        CHEKT.resetAll();
        ChektStubs.issueTokens(CHEKT, ServiceSettings.TOKEN_PATH);
        ChektStubs.acceptPatches(CHEKT);
        TWILIO.takeCalls();
    }

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
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

    protected List<LoggedRequest> patchesFor(TestAlarm alarm) {
        return CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath())));
    }

    protected JsonNode evidence(UUID verificationId) {
        HttpResponse<String> response = stationGet("/api/verifications/" + verificationId + "/evidence");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return readJson(response.body());
    }

    protected JsonNode readJson(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
