package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.AlarmVerificationApplication;
import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.ChektSignature;
import com.centralstation.verification.app.testing.ChektWebhooks;
import com.centralstation.verification.app.testing.EngineTime;
import com.centralstation.verification.app.testing.ServiceSettings;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

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

    public static final String WEBHOOK_SECRET = ServiceSettings.WEBHOOK_SECRET;
    public static final String STATION_USER = ServiceSettings.STATION_USER;
    public static final String STATION_PASSWORD = ServiceSettings.STATION_PASSWORD;
    public static final String ADMIN_PASSWORD = ServiceSettings.ADMIN_PASSWORD;
    public static final String METRICS_USER = ServiceSettings.METRICS_USER;
    public static final String METRICS_PASSWORD = ServiceSettings.METRICS_PASSWORD;
    public static final String TOKEN_PATH = ServiceSettings.TOKEN_PATH;

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
        ServiceSettings.minimal(CHEKT.baseUrl(), "http://localhost:8080")
                // a delivery answered 503 (intake busy) is sent again sooner than the shipped 5 s (see deliverWebhook)
                .with("chekt.webhook-retry-after", "1s")
                // Contexts of several test classes can run at once in one JVM on one database, like nodes: each its
                // own owner.
                .with("verification.engine.lock-owner", "service-test-" + UUID.randomUUID())
                .registerIn(properties);
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

    /** Delivers as CHeKT does ({@link ChektWebhooks#deliver}): signed with the engine's clock, again after a 503. */
    protected HttpResponse<String> deliverWebhook(String body) throws IOException, InterruptedException {
        return webhooks().deliver(body);
    }

    /** One signed delivery, answered as it is (a 503 included). */
    protected HttpResponse<String> deliverWebhookOnce(String body) throws IOException, InterruptedException {
        return webhooks().deliverOnce(body);
    }

    /** CHeKT delivering to this context's service. */
    protected ChektWebhooks webhooks() {
        return ChektWebhooks.to(port);
    }

    /** CHeKT's {@code X-CHeKT-Signature} of a delivery to the test services. */
    protected static String sign(String timestamp, String body) {
        return ChektSignature.of(WEBHOOK_SECRET, timestamp, body);
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
