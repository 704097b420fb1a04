package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.AlarmVerificationApplication;
import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.ChektSignature;
import com.centralstation.verification.app.testing.EngineTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

/**
 * The assembled service on a random port and an in-memory H2, with CHeKT played by WireMock over real
 * HTTP. Every subclass shares one Spring context (same configuration), so keep the configuration here.
 * Time is the engine's: {@link #advanceClock} moves ClockUtil, which the job executor and the use cases
 * (through EngineClock) both read.
 */
@SpringBootTest(classes = AlarmVerificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Tests switch metric export off by default; the Prometheus scrape is part of what is tested.
@AutoConfigureObservability(tracing = false)
public abstract class ServiceTest {

    public static final String WEBHOOK_SECRET = "whsec_test_secret";
    public static final String STATION_USER = "station";
    public static final String STATION_PASSWORD = "station-test-password";
    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String METRICS_USER = "metrics";
    public static final String METRICS_PASSWORD = "metrics-test-password";
    /** The audit chain's key of every test service (verification.audit.chain-key). */
    public static final String AUDIT_CHAIN_KEY = "service-test-audit-chain-key-0123456789";
    public static final String TOKEN_PATH = "/oauth/token";

    /** CHeKT's rate limit, for the stubs that ask for it ({@code withTransformers(ChektRateLimitStandIn.NAME)}). */
    static final ChektRateLimitStandIn CHEKT_RATE_LIMIT = new ChektRateLimitStandIn();

    protected static final WireMockServer CHEKT = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .extensions(CHEKT_RATE_LIMIT));

    static {
        CHEKT.start();
    }

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry properties) {
        ServiceDatabase.register(properties);
        registerLoginsAndChekt(properties, CHEKT, WEBHOOK_SECRET);
        properties.add("verification.notification.public-base-url", () -> "http://localhost:8080");
        properties.add("verification.notification.channels", () -> "log");
        // a delivery answered 503 (intake busy) is sent again sooner than the shipped 5 s (see deliverWebhook)
        properties.add("chekt.webhook-retry-after", () -> "1s");
        // Contexts of several test classes can run at once in one JVM on one database, like nodes: each its own owner.
        String lockOwner = "service-test-" + UUID.randomUUID();
        properties.add("verification.engine.lock-owner", () -> lockOwner);
    }

    /** The admin and station logins, and CHeKT played by {@code chekt}: what every test context of the service sets. */
    public static void registerLoginsAndChekt(DynamicPropertyRegistry properties, WireMockServer chekt, String webhookSecret) {
        properties.add("camunda.bpm.admin-user.password", () -> ADMIN_PASSWORD);
        properties.add("verification.api.username", () -> STATION_USER);
        properties.add("verification.api.password", () -> STATION_PASSWORD);
        properties.add("verification.audit.chain-key", () -> AUDIT_CHAIN_KEY);
        properties.add("verification.metrics.password", () -> METRICS_PASSWORD);
        properties.add("chekt.base-url", chekt::baseUrl);
        properties.add("chekt.token-url", () -> chekt.baseUrl() + TOKEN_PATH);
        properties.add("chekt.client-id", () -> "station-client");
        properties.add("chekt.client-secret", () -> "station-client-secret");
        properties.add("chekt.webhook-secret", () -> webhookSecret);
    }

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    protected final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    protected int port;

    @Autowired
    private ProcessEngine thisContextsEngine;

    /**
     * Camunda's engine REST API and webapps look the engine up by name in a JVM-wide registry, where the last
     * engine built under a name wins; a test class with properties of its own builds another context (and engine)
     * under the same name. In production there is one engine per JVM: make this context's the one they find.
     */
    @BeforeEach
    void thisContextsEngineAnswersTheEngineRestApi() {
        ProcessEngines.registerProcessEngine(thisContextsEngine);
    }

    @BeforeEach
    void chektAcceptsEveryDecision() {
        CHEKT.resetAll();
        ChektStubs.issueTokens(CHEKT, TOKEN_PATH);
        ChektStubs.acceptPatches(CHEKT);
    }

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
    }

    /** A Camunda user in one group, made once as an administrator would in Admin (the context is shared). */
    protected void camundaUser(String id, String password, String group) {
        IdentityService identity = thisContextsEngine.getIdentityService();
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName(group);
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    /** Moves the engine's clock (and so EngineClock) forward; due timers then fire through the real job executor. */
    protected static void advanceClock(Duration duration) {
        EngineTime.advance(duration);
    }

    protected static Instant now() {
        return EngineTime.now();
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /**
     * Delivers as CHeKT does: signed (hex HMAC-SHA256(secret, "{timestamp}.{raw body}"), timestamped with the engine's
     * clock), and sent again, signed anew, after the {@code Retry-After} of a 503: the service takes a limited number
     * of deliveries at once and asks the others to come back ({@link #deliverWebhookOnce} shows that answer).
     */
    protected HttpResponse<String> deliverWebhook(String body) throws IOException, InterruptedException {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>(deliverWebhookOnce(body));
        if (answer.get().statusCode() == 503) {
            Duration retryAfter = Duration.ofSeconds(Long.parseLong(answer.get().headers().firstValue("Retry-After").orElse("1")));
            await().atMost(Duration.ofMinutes(2)).pollDelay(retryAfter).pollInterval(retryAfter).until(() -> {
                answer.set(deliverWebhookOnce(body));
                return answer.get().statusCode() != 503;
            });
        }
        return answer.get();
    }

    /** One signed delivery, answered as it is (a 503 included). */
    protected HttpResponse<String> deliverWebhookOnce(String body) throws IOException, InterruptedException {
        String timestamp = String.valueOf(now().getEpochSecond());
        return http.send(HttpRequest.newBuilder(uri("/webhooks/chekt"))
                .header("Content-Type", "application/json")
                .header("X-CHeKT-Timestamp", timestamp)
                .header("X-CHeKT-Signature", sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static String sign(String timestamp, String body) {
        return signature(WEBHOOK_SECRET, timestamp, body);
    }

    /**
     * CHeKT's {@code X-CHeKT-Signature} for a delivery, computed here from the documented scheme (hex HMAC-SHA256 of
     * {@code timestamp.body}), not by the service's own WebhookSignature it is meant to test.
     */
    public static String signature(String secret, String timestamp, String body) {
        return ChektSignature.of(secret, timestamp, body);
    }

    protected HttpResponse<String> decide(UUID verificationId, String body) throws IOException, InterruptedException {
        return http.send(station(HttpRequest.newBuilder(uri("/api/verifications/" + verificationId + "/decisions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected JsonNode verification(UUID verificationId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(station(HttpRequest.newBuilder(uri("/api/verifications/" + verificationId)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    protected HttpRequest.Builder station(HttpRequest.Builder request) {
        return request.header("Authorization", BasicAuth.header(STATION_USER, STATION_PASSWORD));
    }

    /** HTTP Basic credentials as a header value. */
    protected static String basic(String user, String password) {
        return BasicAuth.header(user, password);
    }

    /** The metrics scraper's login. */
    protected HttpRequest.Builder metrics(HttpRequest.Builder request) {
        return request.header("Authorization", BasicAuth.header(METRICS_USER, METRICS_PASSWORD));
    }

    /**
     * Contacts notified so far whose notification job has committed, read through the public API. A contact counts as
     * notified ({@code sending}) before the message leaves; the job's own commit settles the delivery.
     */
    protected int contactsNotified(UUID verificationId) throws IOException, InterruptedException {
        JsonNode view = verification(verificationId);
        if (view == null) {
            return 0;
        }
        int settled = 0;
        for (JsonNode notified : view.get("notified")) {
            String delivery = notified.get("delivery").asText();
            if (!delivery.equals("sending") && !delivery.equals("not_sent")) {
                settled++;
            }
        }
        return settled;
    }

    protected static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status);
    }
}
