package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.ChektContactSource;
import com.centralstation.verification.core.port.out.ChektGateway;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.testing.MutableClock;
import com.centralstation.verification.core.testing.TestVerifications;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The CHeKT client against WireMock over real HTTP: wire format, token handling, and every answer's outcome.
 * One Spring context for the whole class; each test starts with a fresh WireMock and an expired token cache
 * (the clock jumps two hours).
 */
@SpringBootTest(classes = ChektFeignGatewayTest.TestContext.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "chekt.client-id=central-station-test",
                "chekt.client-secret=" + ChektFeignGatewayTest.CLIENT_SECRET,
                "chekt.connect-timeout=1s",
                "chekt.read-timeout=1s",
                "chekt.http-log-level=full",
                "logging.level.com.centralstation.verification.adapters.chekt=DEBUG",
                "logging.level.org.springframework.security=TRACE",
                "logging.level.org.springframework.cloud.openfeign=DEBUG"
        })
@ExtendWith(OutputCaptureExtension.class)
class ChektFeignGatewayTest {

    static final String CLIENT_SECRET = "cs-5ecret-b7e1-never-logged";
    static final String TOKEN_1 = "at-1-9f8e7d6c5b4a";
    static final String TOKEN_2 = "at-2-0a1b2c3d4e5f";
    static final Instant START = Instant.parse("2026-05-26T10:22:30Z");

    static final SiteRef SITE = TestVerifications.SITE;
    static final ChektReference CONTRACT_VERIFICATION = new ChektReference(SITE, 1,
            TestVerifications.CONTRACT_VERIFICATION_ID);
    static final String PATCH_PATH = "/partner/v1/dealers/12345/sites/1/alarm-verifications/1";
    static final String CONTACTS_PATH = "/partner/v1/dealers/12345/sites/1/contacts";
    static final String TOKEN_PATH = "/oauth/token";
    static final Instant DECIDED_AT = Instant.parse("2026-05-26T10:22:05Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension chekt = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(24))
            .build();

    @DynamicPropertySource
    static void chektUrls(DynamicPropertyRegistry registry) {
        registry.add("chekt.base-url", () -> "http://127.0.0.1:" + chekt.getPort());
        registry.add("chekt.token-url", () -> "http://127.0.0.1:" + chekt.getPort() + TOKEN_PATH);
    }

    @Configuration(proxyBeanMethods = false)
    @Import(ChektClientConfiguration.class)
    @ImportAutoConfiguration(FeignAutoConfiguration.class)
    static class TestContext {

        @Bean
        MutableClock clock() {
            return new MutableClock(START);
        }

        @Bean
        SimpleMeterRegistry meters() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    ChektGateway gateway;
    @Autowired
    ChektContactSource contactSource;
    @Autowired
    MutableClock clock;
    @Autowired
    SimpleMeterRegistry meters;

    @BeforeEach
    void freshChektAndNoCachedToken() {
        clock.advance(Duration.ofHours(2));
        chekt.resetAll();
        chekt.stubFor(tokenEndpoint().willReturn(token(TOKEN_1, 3600)));
    }

    // ---------------------------------------------------------------- wire format

    @ParameterizedTest
    @EnumSource(VerificationAction.class)
    void sendsTheSeedPageRequestAndReadsCheKtsAnswer(VerificationAction action) throws Exception {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(98765, action.code()))));

        SubmissionReceipt receipt = gateway.submit(CONTRACT_VERIFICATION, decision(action));

        LoggedRequest sent = onlyPatch();
        assertThat(sent.getMethod().getName()).isEqualTo("PATCH");
        assertThat(sent.getUrl()).isEqualTo("/partner/v1/dealers/12345/sites/1/alarm-verifications/1");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN_1);
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("verification-550e8400-e29b-41d4-a716-446655440000");
        UUID traceId = UUID.fromString(sent.getHeader("x-partner-trace-id"));

        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("verification_id", "contact_id", "action", "responded_at");
        assertThat(body.get("verification_id").isTextual()).isTrue();
        assertThat(body.get("verification_id").textValue()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        assertThat(body.get("contact_id").isIntegralNumber()).isTrue();
        assertThat(body.get("contact_id").longValue()).isEqualTo(67890);
        assertThat(body.get("action").isTextual()).isTrue();
        assertThat(body.get("action").textValue()).isEqualTo(action.code());
        assertThat(body.get("responded_at").isTextual()).isTrue();
        assertThat(body.get("responded_at").textValue()).isEqualTo("2026-05-26T10:22:05Z");
        if (action == VerificationAction.DISPATCH) {
            assertThat(body).isEqualTo(JSON.readTree("{\"verification_id\":\"550e8400-e29b-41d4-a716-446655440000\","
                    + "\"contact_id\":67890,\"action\":\"dispatch\",\"responded_at\":\"2026-05-26T10:22:05Z\"}"));
        }

        assertThat(receipt.chektId()).isEqualTo(98765);
        assertThat(receipt.traceId()).isEqualTo(traceId);
        assertThat(receipt.submittedAt()).isEqualTo(clock.instant());
        assertThat(receipt.httpStatus()).isEqualTo(OptionalInt.of(200));
    }

    @Test
    void theReceiptKeepsTheStatusChektAnsweredWith() {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(41, "dispatch")).withStatus(201)));

        SubmissionReceipt receipt = gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));

        assertThat(receipt.httpStatus()).isEqualTo(OptionalInt.of(201));
        assertThat(receipt.chektId()).isEqualTo(41);
    }

    @Test
    void keepsMillisecondsOfAFractionalDecisionTime() throws Exception {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(1, "dispatch"))));

        gateway.submit(CONTRACT_VERIFICATION, new ContactDecision(67890, VerificationAction.DISPATCH,
                Instant.parse("2026-05-26T10:22:05.123456789Z"), DecisionSource.OPERATOR));

        assertThat(JSON.readTree(onlyPatch().getBodyAsString()).get("responded_at").textValue())
                .isEqualTo("2026-05-26T10:22:05.123Z");
    }

    @Test
    void asksForTheTokenWithClientSecretPost() {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(1, "dispatch"))));

        gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));

        List<LoggedRequest> tokenRequests = chekt.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(tokenRequests).hasSize(1);
        assertThat(tokenRequests.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = form(tokenRequests.get(0));
        assertThat(form).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", "central-station-test")
                .containsEntry("client_secret", CLIENT_SECRET)
                .doesNotContainKeys("client_assertion", "audience");
    }

    @Test
    void anEchoThatDisagreesWithTheDecisionIsRejectedNotASuccess() {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson("{\"id\":5,"
                + "\"verification_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"contact_id\":67891,"
                + "\"action\":\"disregard\",\"responded_at\":\"2026-05-26T10:22:05Z\"}")));

        ChektGatewayException.Rejected rejected = catchThrowableOfType(ChektGatewayException.Rejected.class,
                () -> gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH)));

        assertThat(rejected.httpStatus()).isEqualTo(200);
        assertThat(rejected.getMessage()).contains("contact_id 67891 instead of 67890", "action disregard");
        assertThat(rejected.traceId()).contains(traceIdOf(onlyPatch()));
    }

    static Stream<Arguments> unreadableSuccesses() {
        return Stream.of(
                arguments("HTML", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Welcome to the proxy</body></html>")),
                arguments("truncated JSON", okJson("{\"id\": 12, \"verification_id\": ")),
                arguments("no id", okJson("{\"verification_id\":\"550e8400-e29b-41d4-a716-446655440000\"}")),
                arguments("empty body", aResponse().withStatus(200)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableSuccesses")
    void aSuccessWhoseBodyCannotBeReadIsUnavailable(String what, ResponseDefinitionBuilder answer) {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(answer));

        ChektGatewayException.Unavailable unavailable = catchThrowableOfType(ChektGatewayException.Unavailable.class,
                () -> gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH)));

        assertThat(unavailable.httpStatus()).isEqualTo(200);
        assertThat(unavailable.traceId()).contains(traceIdOf(onlyPatch()));
    }

    // ---------------------------------------------------------------- tokens

    @Test
    void oneTokenServesManySubmissionsIncludingConcurrentOnes() throws Exception {
        // The delay keeps the first token request open while the other threads ask for a token.
        chekt.stubFor(tokenEndpoint().willReturn(token(TOKEN_1, 3600).withFixedDelay(300)));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(7, "dispatch"))));
        double tokensBefore = tokenRequestCount("success");

        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SubmissionReceipt>> receipts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                receipts.add(pool.submit(() -> {
                    start.await();
                    return gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
                }));
            }
            start.countDown();
            for (Future<SubmissionReceipt> receipt : receipts) {
                assertThat(receipt.get(10, TimeUnit.SECONDS).chektId()).isEqualTo(7);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 4; i++) {
            gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
        }
        chekt.stubFor(get(urlEqualTo(CONTACTS_PATH)).willReturn(okJson("[]")));
        contactSource.siteContacts(SITE);

        chekt.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        chekt.verify(threads + 4, patchRequestedFor(urlEqualTo(PATCH_PATH)));
        assertThat(chekt.findAll(patchRequestedFor(urlEqualTo(PATCH_PATH))))
                .extracting(request -> request.getHeader("Authorization"))
                .containsOnly("Bearer " + TOKEN_1);
        assertThat(chekt.findAll(patchRequestedFor(urlEqualTo(PATCH_PATH))))
                .extracting(ChektFeignGatewayTest::traceIdOf)
                .doesNotHaveDuplicates();
        assertThat(tokenRequestCount("success") - tokensBefore).isEqualTo(1);
    }

    @Test
    void fetchesANewTokenShortlyBeforeTheOldOneExpires() {
        stubTokenSequence(token(TOKEN_1, 120), token(TOKEN_2, 120));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(7, "dispatch"))));

        gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
        clock.advance(Duration.ofSeconds(59)); // 61 s of 120 left: more than the 60 s refresh margin
        gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
        clock.advance(Duration.ofSeconds(2)); // 59 s left: inside the margin, still valid at CHeKT
        gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));

        chekt.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(chekt.findAll(patchRequestedFor(urlEqualTo(PATCH_PATH))))
                .extracting(request -> request.getHeader("Authorization"))
                .containsExactly("Bearer " + TOKEN_1, "Bearer " + TOKEN_1, "Bearer " + TOKEN_2);
    }

    @Test
    void takesCheKtsDocumentedTokenAnswerWithOnlyAnAccessToken() {
        chekt.stubFor(tokenEndpoint().willReturn(okJson("{\"access_token\":\"" + TOKEN_1 + "\"}")));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(7, "dispatch"))));

        gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
        clock.advance(Duration.ofMinutes(58)); // assumed lifetime 1 h, refreshed 60 s early
        gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
        chekt.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofMinutes(2));
        gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
        chekt.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(onlyPatches()).extracting(request -> request.getHeader("Authorization"))
                .containsOnly("Bearer " + TOKEN_1);
    }

    @Test
    void a401DropsTheTokenAndRetriesOnceWithANewOne() {
        stubTokenSequence(token(TOKEN_1, 3600), token(TOKEN_2, 3600));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN_1))
                .willReturn(aResponse().withStatus(401)));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN_2))
                .willReturn(okJson(echo(31, "dispatch"))));

        SubmissionReceipt receipt = gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));

        assertThat(receipt.chektId()).isEqualTo(31);
        chekt.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        List<LoggedRequest> patches = onlyPatches();
        assertThat(patches).extracting(request -> request.getHeader("Authorization"))
                .containsExactly("Bearer " + TOKEN_1, "Bearer " + TOKEN_2);
        assertThat(receipt.traceId()).isEqualTo(traceIdOf(patches.get(1))).isNotEqualTo(traceIdOf(patches.get(0)));

        // The new token is the cached one from now on.
        gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
        chekt.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void a401AgainWithTheNewTokenIsNotAllowed() {
        stubTokenSequence(token(TOKEN_1, 3600), token(TOKEN_2, 3600));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"token_invalid\",\"message\":\"Invalid or expired token\","
                        + "\"request_id\":\"req_401\"}}")));

        ChektGatewayException.NotAllowed notAllowed = catchThrowableOfType(ChektGatewayException.NotAllowed.class,
                () -> gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH)));

        assertThat(notAllowed.httpStatus()).isEqualTo(401);
        assertThat(notAllowed.errorCode()).contains("token_invalid");
        assertThat(notAllowed.requestId()).contains("req_401");
        chekt.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        List<LoggedRequest> patches = onlyPatches();
        assertThat(patches).extracting(request -> request.getHeader("Authorization"))
                .containsExactly("Bearer " + TOKEN_1, "Bearer " + TOKEN_2);
        assertThat(notAllowed.traceId()).contains(traceIdOf(patches.get(1)));
    }

    static Stream<Arguments> tokenEndpointFailures() {
        return Stream.of(
                arguments("401 invalid_client", aResponse().withStatus(401).withHeader("Content-Type",
                        "application/json").withBody("{\"error\":\"invalid_client\"}"),
                        ChektGatewayException.NotAllowed.class, 401),
                arguments("400 invalid_client", aResponse().withStatus(400).withHeader("Content-Type",
                        "application/json").withBody("{\"error\":\"invalid_client\"}"),
                        ChektGatewayException.NotAllowed.class, 400),
                arguments("403 HTML", aResponse().withStatus(403).withHeader("Content-Type", "text/html")
                        .withBody("<h1>Forbidden</h1>"), ChektGatewayException.NotAllowed.class, 403),
                arguments("500", aResponse().withStatus(500).withBody("Internal Server Error"),
                        ChektGatewayException.Unavailable.class, 500),
                arguments("503 HTML", aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<h1>Maintenance</h1>"), ChektGatewayException.Unavailable.class, 503),
                arguments("200 garbage", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("this is not json {"), ChektGatewayException.Unavailable.class, 0),
                arguments("200 HTML", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html>login</html>"), ChektGatewayException.Unavailable.class, 0),
                arguments("200 without access_token", okJson("{\"token_type\":\"Bearer\"}"),
                        ChektGatewayException.Unavailable.class, 0),
                arguments("silence past the read timeout", token(TOKEN_1, 3600).withFixedDelay(4000),
                        ChektGatewayException.Unavailable.class, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenEndpointFailures")
    void aFailingTokenEndpointGivesATypedErrorQuickly(String what, ResponseDefinitionBuilder answer,
                                                      Class<? extends ChektGatewayException> expected, int status) {
        chekt.stubFor(tokenEndpoint().willReturn(answer));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(7, "dispatch"))));
        long started = System.nanoTime();

        ChektGatewayException failure = catchThrowableOfType(ChektGatewayException.class,
                () -> gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH)));

        assertThat(failure).isInstanceOf(expected);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.getMessage()).contains("token endpoint");
        assertThat(failure.traceId()).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        chekt.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        chekt.verify(0, patchRequestedFor(urlEqualTo(PATCH_PATH)));
    }

    // ---------------------------------------------------------------- CHeKT's answers

    static Stream<Arguments> answers() {
        String errorBody = "{\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"request_id\":\"%s\",\"field\":\"action\"}}";
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.atOffset(ZoneOffset.UTC));
        return Stream.of(
                arguments(400, Map.of(), errorBody.formatted("invalid_action", "Invalid action", "req_400"),
                        ChektGatewayException.Rejected.class, "invalid_action", "req_400", null),
                arguments(401, Map.of(), "", ChektGatewayException.NotAllowed.class, null, null, null),
                arguments(403, Map.of(), "<h1>403 Forbidden</h1>",
                        ChektGatewayException.NotAllowed.class, null, null, null),
                arguments(404, Map.of(), errorBody.formatted("not_found", "Verification not found", "req_404"),
                        ChektGatewayException.ClosedOrUnknown.class, "not_found", "req_404", null),
                arguments(409, Map.of(), errorBody.formatted("conflict", "Already answered", "req_409"),
                        ChektGatewayException.ClosedOrUnknown.class, "conflict", "req_409", null),
                arguments(422, Map.of(), errorBody.formatted("validation_failed", "Closed", "req_422"),
                        ChektGatewayException.Rejected.class, "validation_failed", "req_422", null),
                arguments(429, Map.of("Retry-After", "30"), errorBody.formatted("rate_limited", "Slow down",
                        "req_429"), ChektGatewayException.AskedToWait.class, "rate_limited", "req_429",
                        Duration.ofSeconds(30)),
                arguments(429, Map.of("Retry-After", inTwoMinutes), "", ChektGatewayException.AskedToWait.class,
                        null, null, Duration.ofSeconds(120)),
                arguments(429, Map.of("X-RateLimit-Reset", "12"), "", ChektGatewayException.AskedToWait.class,
                        null, null, Duration.ofSeconds(12)),
                arguments(429, Map.of("x-ratelimit-reset", String.valueOf(START.getEpochSecond())), "",
                        ChektGatewayException.AskedToWait.class, null, null, Duration.ofSeconds(120)),
                arguments(429, Map.of(), "", ChektGatewayException.AskedToWait.class, null, null, null),
                arguments(500, Map.of(), "{ not json", ChektGatewayException.Unavailable.class, null, null, null),
                arguments(503, Map.of("Retry-After", "5"), "<html><h1>Service Unavailable</h1></html>",
                        ChektGatewayException.AskedToWait.class, null, null, Duration.ofSeconds(5)),
                arguments(503, Map.of(), "<html><h1>Service Unavailable</h1></html>",
                        ChektGatewayException.Unavailable.class, null, null, null),
                arguments(418, Map.of(), "\u0000\u0001garbage", ChektGatewayException.Rejected.class, null, null,
                        null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void mapsEachAnswerToItsOutcome(int status, Map<String, String> headers, String body,
                                    Class<? extends ChektGatewayException> expected, String errorCode,
                                    String requestId, Duration retryAfter) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withBody(body);
        headers.forEach(answer::withHeader);
        if (body.startsWith("{\"error\"")) {
            answer.withHeader("Content-Type", "application/json");
        }
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(answer));
        // Retry-After dates are relative to the moment of the answer: put the clock two minutes before it.
        clock.set(START.minus(Duration.ofSeconds(120)));
        String outcome = outcomeTag(expected);
        double before = timerCount("submit", outcome);

        ChektGatewayException failure = catchThrowableOfType(ChektGatewayException.class,
                () -> gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH)));

        assertThat(failure).isInstanceOf(expected);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.errorCode()).isEqualTo(Optional.ofNullable(errorCode));
        assertThat(failure.requestId()).isEqualTo(Optional.ofNullable(requestId));
        List<LoggedRequest> patches = onlyPatches();
        assertThat(patches).hasSize(status == 401 ? 2 : 1); // no retries, except once after a 401
        assertThat(failure.traceId()).contains(traceIdOf(patches.get(patches.size() - 1)));
        if (failure instanceof ChektGatewayException.Unavailable unavailable) {
            assertThat(unavailable.retryAfter()).isEqualTo(Optional.ofNullable(retryAfter));
        }
        if (failure instanceof ChektGatewayException.AskedToWait asked) {
            assertThat(asked.waitFor()).isEqualTo(Optional.ofNullable(retryAfter));
            assertThat(asked.answeredByChekt()).isTrue();
        }
        assertThat(timerCount("submit", outcome) - before).isEqualTo(1);
    }

    @Test
    void aReadTimeoutIsUnavailableAndNotRetried() {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(7, "dispatch")).withFixedDelay(4000)));
        long started = System.nanoTime();

        ChektGatewayException.Unavailable unavailable = catchThrowableOfType(ChektGatewayException.Unavailable.class,
                () -> gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3500));
        assertThat(unavailable.httpStatus()).isZero();
        assertThat(unavailable.getMessage()).contains("no answer from CHeKT");
        assertThat(unavailable.traceId()).contains(traceIdOf(onlyPatch()));
    }

    @Test
    void aCutConnectionIsUnavailable() {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ChektGatewayException.Unavailable unavailable = catchThrowableOfType(ChektGatewayException.Unavailable.class,
                () -> gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH)));

        assertThat(unavailable.httpStatus()).isZero();
        chekt.verify(1, patchRequestedFor(urlEqualTo(PATCH_PATH)));
    }

    @Test
    void successesAreTimedByOperation() {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson(echo(7, "dispatch"))));
        chekt.stubFor(get(urlEqualTo(CONTACTS_PATH)).willReturn(okJson("[]")));
        double submits = timerCount("submit", "success");
        double contacts = timerCount("contacts", "success");

        gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
        contactSource.siteContacts(SITE);

        assertThat(timerCount("submit", "success") - submits).isEqualTo(1);
        assertThat(timerCount("contacts", "success") - contacts).isEqualTo(1);
        assertThat(meters.get("chekt.requests").tags("operation", "submit", "outcome", "success").timer()
                .totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    // ---------------------------------------------------------------- contacts

    @Test
    void readsABareContactListIgnoringUnknownFields() {
        chekt.stubFor(get(urlEqualTo(CONTACTS_PATH)).willReturn(okJson("""
                [{"contact_id": 67890, "external_contact_id": "ext-1", "first_name": "Ann", "last_name": "Lee",
                  "phone_number": "+15550100001", "email": "ann@example.com", "created_at": "2026-01-01T00:00:00Z",
                  "something_new": {"nested": true}},
                 {"contact_id": "67892", "first_name": "Cho", "last_name": "Park", "phone_number": "+15550100003",
                  "email": null}]""")));

        List<Contact> contacts = contactSource.siteContacts(SITE);

        assertThat(contacts).containsExactly(TestVerifications.ANN, TestVerifications.CHO);
        LoggedRequest sent = chekt.findAll(getRequestedFor(urlEqualTo(CONTACTS_PATH))).get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN_1);
        assertThat(UUID.fromString(sent.getHeader("x-partner-trace-id"))).isNotNull();
        assertThat(sent.getHeader("Accept")).contains("application/json");
    }

    @Test
    void readsAContactListWrappedInData() {
        chekt.stubFor(get(urlEqualTo(CONTACTS_PATH)).willReturn(okJson("""
                {"data": [{"contact_id": 67891, "first_name": "Ben", "last_name": "Ortiz",
                           "phone_number": "+15550100002", "email": "ben@example.com"}],
                 "pagination": {"next": null}}""")));

        assertThat(contactSource.siteContacts(SITE)).containsExactly(TestVerifications.BEN);
    }

    static Stream<Arguments> contactFailures() {
        return Stream.of(
                arguments("503, not retried by HTTP client", aResponse().withStatus(503).withHeader("Retry-After", "1"),
                        ChektGatewayException.AskedToWait.class, 503),
                arguments("404", aResponse().withStatus(404), ChektGatewayException.ClosedOrUnknown.class, 404),
                arguments("contact without id", okJson("[{\"first_name\":\"Nobody\"}]"),
                        ChektGatewayException.Unavailable.class, 200),
                arguments("neither array nor data", okJson("{\"contacts\":[]}"),
                        ChektGatewayException.Unavailable.class, 200),
                arguments("HTML", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html/>"), ChektGatewayException.Unavailable.class, 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contactFailures")
    void aContactListThatCannotBeHadIsATypedError(String what, ResponseDefinitionBuilder answer,
                                                  Class<? extends ChektGatewayException> expected, int status) {
        chekt.stubFor(get(urlEqualTo(CONTACTS_PATH)).willReturn(answer));

        ChektGatewayException failure = catchThrowableOfType(ChektGatewayException.class,
                () -> contactSource.siteContacts(SITE));

        assertThat(failure).isInstanceOf(expected);
        assertThat(failure.httpStatus()).isEqualTo(status);
        chekt.verify(1, getRequestedFor(urlEqualTo(CONTACTS_PATH)));
    }

    // ---------------------------------------------------------------- secrets

    @Test
    void neverLogsTheClientSecretOrAnAccessToken(CapturedOutput output) {
        stubTokenSequence(token(TOKEN_1, 3600), token(TOKEN_2, 3600));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN_1))
                .willReturn(aResponse().withStatus(401)));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN_2))
                .willReturn(okJson(echo(31, "dispatch"))));
        chekt.stubFor(get(urlEqualTo(CONTACTS_PATH)).willReturn(aResponse().withStatus(403)));

        SubmissionReceipt receipt = gateway.submit(CONTRACT_VERIFICATION, decision(VerificationAction.DISPATCH));
        catchThrowableOfType(ChektGatewayException.NotAllowed.class, () -> contactSource.siteContacts(SITE));

        // The wire log is on (FULL, DEBUG): the trace id shows it was written, and the secrets are not in it.
        assertThat(output.getAll()).contains(receipt.traceId().toString(), "x-partner-trace-id");
        assertThat(output.getAll()).doesNotContain(CLIENT_SECRET, TOKEN_1, TOKEN_2);
    }

    // ---------------------------------------------------------------- helpers

    static MappingBuilder tokenEndpoint() {
        return post(urlEqualTo(TOKEN_PATH));
    }

    static ResponseDefinitionBuilder token(String value, long expiresIn) {
        return okJson("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
    }

    static void stubTokenSequence(ResponseDefinitionBuilder first, ResponseDefinitionBuilder second) {
        chekt.stubFor(tokenEndpoint().inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("second"));
        chekt.stubFor(tokenEndpoint().inScenario("tokens").whenScenarioStateIs("second").willReturn(second));
    }

    static ContactDecision decision(VerificationAction action) {
        return new ContactDecision(67890, action, DECIDED_AT, DecisionSource.RESPONSE_LINK);
    }

    static String echo(long id, String action) {
        return "{\"id\":" + id + ",\"verification_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"contact_id\":67890,"
                + "\"action\":\"" + action + "\",\"responded_at\":\"2026-05-26T10:22:05Z\"}";
    }

    LoggedRequest onlyPatch() {
        List<LoggedRequest> patches = onlyPatches();
        assertThat(patches).hasSize(1);
        return patches.get(0);
    }

    List<LoggedRequest> onlyPatches() {
        return chekt.findAll(patchRequestedFor(urlPathMatching("/partner/.*")));
    }

    static UUID traceIdOf(LoggedRequest request) {
        return UUID.fromString(request.getHeader("x-partner-trace-id"));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new HashMap<>();
        Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .forEach(pair -> form.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""));
        return form;
    }

    double timerCount(String operation, String outcome) {
        var timer = meters.find("chekt.requests").tags("operation", operation, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    double tokenRequestCount(String outcome) {
        var counter = meters.find("chekt.token.requests").tags("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    static String outcomeTag(Class<? extends ChektGatewayException> type) {
        if (type == ChektGatewayException.AskedToWait.class) {
            return "asked_to_wait";
        }
        if (type == ChektGatewayException.Rejected.class) {
            return "rejected";
        }
        if (type == ChektGatewayException.NotAllowed.class) {
            return "not_allowed";
        }
        if (type == ChektGatewayException.ClosedOrUnknown.class) {
            return "closed_or_unknown";
        }
        return "unavailable";
    }
}
