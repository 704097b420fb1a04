package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.ChektContactSource;
import com.centralstation.verification.core.port.out.ChektGateway;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.testing.MutableClock;
import com.centralstation.verification.core.testing.TestVerifications;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.openfeign.FeignAutoConfiguration;

import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Start-up of the CHeKT client: property validation, the other client authentication, and isolation. */
@ExtendWith(OutputCaptureExtension.class)
class ChektClientConfigurationTest {

    static final String PATCH_PATH = "/partner/v1/dealers/12345/sites/1/alarm-verifications/1";
    static final String CONTACTS_PATH = "/partner/v1/dealers/12345/sites/1/contacts";
    static final String SECRET = "cs-startup-secret-3e9a";
    static final ChektReference VERIFICATION = new ChektReference(TestVerifications.SITE, 1,
            TestVerifications.CONTRACT_VERIFICATION_ID);
    static final ContactDecision DISPATCH = new ContactDecision(67890, VerificationAction.DISPATCH,
            Instant.parse("2026-05-26T10:22:05Z"), DecisionSource.STATION_API);

    @RegisterExtension
    static WireMockExtension chekt = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FeignAutoConfiguration.class))
            .withUserConfiguration(ChektClientConfiguration.class);

    @BeforeEach
    void stubChekt() {
        chekt.stubFor(post(urlEqualTo("/oauth/token")).willReturn(okJson("{\"access_token\":\"at-x\","
                + "\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(okJson("{\"id\":4,"
                + "\"verification_id\":\"550e8400-e29b-41d4-a716-446655440000\",\"contact_id\":67890,"
                + "\"action\":\"dispatch\",\"responded_at\":\"2026-05-26T10:22:05Z\"}")));
    }

    String wiremock() {
        return "http://127.0.0.1:" + chekt.getPort();
    }

    String[] valid() {
        return new String[] {
                "chekt.base-url=" + wiremock(),
                "chekt.token-url=" + wiremock() + "/oauth/token",
                "chekt.client-id=central-station-test",
                "chekt.client-secret=" + SECRET};
    }

    @Test
    void startsWithDocumentedDefaults() {
        runner.withPropertyValues(valid()).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ChektGateway.class).hasSingleBean(ChektContactSource.class);
            ChektProperties properties = context.getBean(ChektProperties.class);
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.clientAuthentication()).isEqualTo(ChektProperties.ClientAuthentication.CLIENT_SECRET_POST);
            assertThat(properties.tokenRefreshBeforeExpiry()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.httpLogLevel()).isEqualTo(ChektProperties.HttpLogLevel.NONE);
            assertThat(properties.audience()).isNull();
            assertThat(properties.toString()).contains("central-station-test").doesNotContain(SECRET);
        });
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                arguments(List.of("chekt.client-id="), "clientId", "must not be blank"),
                arguments(List.of("chekt.base-url=not a url"), "baseUrl", "must be an absolute http(s) URL"),
                arguments(List.of("chekt.base-url=api.chekt.com"), "baseUrl", "must be an absolute http(s) URL"),
                arguments(List.of("chekt.token-url="), "tokenUrl", "must not be blank"),
                arguments(List.of("chekt.client-secret="), "chekt.client-secret must be set", "client_secret_post"),
                arguments(List.of("chekt.client-authentication=private_key_jwt"), "chekt.private-key must be set",
                        "private_key_jwt"),
                arguments(List.of("chekt.client-authentication=private_key_jwt",
                        "chekt.private-key=-----BEGIN PRIVATE KEY-----\\nbm90LWEta2V5LXNlY3JldA==\\n-----END PRIVATE KEY-----"),
                        "chekt.private-key must be a PEM-encoded RSA private key", "PEM"),
                arguments(List.of("chekt.client-authentication=mutual_tls"), "chekt.client-authentication", "mutual_tls"),
                arguments(List.of("chekt.base-url="), "baseUrl", "must not be blank"),
                arguments(List.of("chekt.read-timeout=10m"), "readTimeout", "30"),
                arguments(List.of("chekt.connect-timeout=0s"), "connectTimeout", "0"),
                arguments(List.of("chekt.rate-limit.requests-per-minute=0"), "chekt.rate-limit", "requestsPerMinute"),
                arguments(List.of("chekt.rate-limit.requests-per-minute=-60"), "chekt.rate-limit", "greater than 0"));
    }

    @Test
    void hasNoRateLimitOfItsOwnUnlessConfigured() {
        runner.withPropertyValues(valid()).run(context -> {
            assertThat(context.getBean(ChektRateLimitProperties.class).isOn()).isFalse();
            ChektGateway gateway = context.getBean(ChektGateway.class);
            for (int i = 0; i < 3; i++) {
                gateway.submit(VERIFICATION, DISPATCH);
            }
            chekt.verify(3, patchRequestedFor(urlEqualTo(PATCH_PATH)));
        });
    }

    @Test
    void aConfiguredRateLimitHoldsBackASubmissionWithoutSendingItAndSaysHowLongToWait() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-26T10:22:30Z"));
        runner.withPropertyValues(valid()).withPropertyValues("chekt.rate-limit.requests-per-minute=30")
                .withBean(Clock.class, () -> clock).run(context -> {
                    ChektGateway gateway = context.getBean(ChektGateway.class);
                    // CHeKT's stand-in echoes the contract verification: both submissions are for it
                    ChektReference other = VERIFICATION;
                    gateway.submit(VERIFICATION, DISPATCH);

                    ChektGatewayException.AskedToWait held = catchThrowableOfType(ChektGatewayException.AskedToWait.class,
                            () -> gateway.submit(other, DISPATCH));

                    assertThat(held.answeredByChekt()).isFalse();
                    assertThat(held.httpStatus()).isZero();
                    assertThat(held.waitFor()).contains(Duration.ofSeconds(2));
                    chekt.verify(1, patchRequestedFor(urlEqualTo(PATCH_PATH)));
                    // the request reserved for it is its own when it comes back, not a moment before
                    clock.advance(Duration.ofMillis(1_999));
                    assertThat(catchThrowableOfType(ChektGatewayException.AskedToWait.class,
                            () -> gateway.submit(other, DISPATCH)).waitFor()).contains(Duration.ofMillis(1));
                    clock.advance(Duration.ofMillis(1));
                    gateway.submit(other, DISPATCH);
                    chekt.verify(2, patchRequestedFor(urlEqualTo(PATCH_PATH)));
                });
    }

    @Test
    void submissionsBeyondTheReservationHorizonWaitUntilARequestFallsWithinIt() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-26T10:22:30Z"));
        runner.withPropertyValues(valid()).withPropertyValues("chekt.rate-limit.requests-per-minute=60")
                .withBean(Clock.class, () -> clock).run(context -> {
                    ChektGateway gateway = context.getBean(ChektGateway.class);
                    List<Duration> waits = new ArrayList<>();
                    for (int i = 0; i < 9; i++) {
                        try {
                            // only the first is sent, and CHeKT's stand-in echoes the contract verification
                            gateway.submit(i == 0 ? VERIFICATION
                                    : new ChektReference(TestVerifications.SITE, 1, UUID.randomUUID()), DISPATCH);
                            waits.add(Duration.ZERO);
                        } catch (ChektGatewayException.AskedToWait held) {
                            waits.add(held.waitFor().orElseThrow());
                        }
                    }
                    // one now, five reserved one second apart, then: wait until the next free one is 5 s away
                    assertThat(waits).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2),
                            Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(1),
                            Duration.ofSeconds(1), Duration.ofSeconds(1));
                    chekt.verify(1, patchRequestedFor(urlEqualTo(PATCH_PATH)));
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void refusesToStartNamingTheBadProperty(List<String> overrides, String namesProperty, String says) {
        runner.withPropertyValues(valid()).withPropertyValues(overrides.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            String failure = messages(context.getStartupFailure());
            assertThat(failure).contains(namesProperty, says).doesNotContain(SECRET, "bm90LWEta2V5LXNlY3JldA");
        });
    }

    @Test
    void signsAClientAssertionForPrivateKeyJwtAndSendsTheAudience() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        runner.withPropertyValues(valid())
                .withPropertyValues("chekt.client-secret=", "chekt.client-authentication=private_key_jwt",
                        "chekt.audience=https://api.chekt.com")
                .withPropertyValues("chekt.private-key=" + pem)
                .run(context -> {
                    assertThat(context.getBean(ChektProperties.class).toString()).doesNotContain("BEGIN PRIVATE KEY");
                    assertThat(context.getBean(ChektGateway.class).submit(VERIFICATION, DISPATCH).chektId()).isEqualTo(4);
                });

        List<LoggedRequest> tokenRequests = chekt.findAll(postRequestedFor(urlEqualTo("/oauth/token")));
        assertThat(tokenRequests).hasSize(1);
        Map<String, String> form = ChektFeignGatewayTest.form(tokenRequests.get(0));
        assertThat(form).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", "central-station-test")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .containsEntry("audience", "https://api.chekt.com")
                .doesNotContainKey("client_secret");
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()))).isTrue();
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("central-station-test");
        assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("central-station-test");
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(wiremock() + "/oauth/token");
        assertThat(assertion.getJWTClaimsSet().getExpirationTime()).isInTheFuture();
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // The longest connect timeout the settings allow: a refusal must come back before it, not after it
        // (a fixed bound of a few seconds would measure the machine's load, not the client).
        Duration connectTimeout = Duration.ofSeconds(10);
        runner.withPropertyValues(valid())
                .withPropertyValues("chekt.base-url=http://127.0.0.1:" + closedPort,
                        "chekt.connect-timeout=" + connectTimeout.toSeconds() + "s")
                .run(context -> {
                    long started = System.nanoTime();
                    ChektGatewayException.Unavailable unavailable = catchThrowableOfType(
                            ChektGatewayException.Unavailable.class,
                            () -> context.getBean(ChektGateway.class).submit(VERIFICATION, DISPATCH));
                    assertThat(unavailable.httpStatus()).isZero();
                    assertThat(unavailable.getMessage()).contains("no answer from CHeKT");
                    assertThat(unavailable.traceId()).isPresent();
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at once, not timed out")
                            .isLessThan(connectTimeout);
                });
    }

    @Test
    void appWideFeignSettingsCannotLengthenTimeoutsOrAddRetries() {
        chekt.stubFor(patch(urlEqualTo(PATCH_PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        chekt.stubFor(get(urlEqualTo(CONTACTS_PATH)).willReturn(okJson("[]")));
        runner.withPropertyValues(valid())
                .withPropertyValues("chekt.read-timeout=500ms",
                        "spring.cloud.openfeign.client.config.default.read-timeout=60000",
                        "spring.cloud.openfeign.client.config.default.retryer=feign.Retryer.Default",
                        "spring.cloud.openfeign.client.config.chektAlarmVerifications.read-timeout=60000")
                .run(context -> {
                    context.getBean(ChektContactSource.class).siteContacts(TestVerifications.SITE); // token, warm-up
                    long started = System.nanoTime();
                    catchThrowableOfType(ChektGatewayException.Unavailable.class,
                            () -> context.getBean(ChektGateway.class).submit(VERIFICATION, DISPATCH));
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
                });
        chekt.verify(1, patchRequestedFor(urlEqualTo(PATCH_PATH)));
    }

    @Test
    void aBaseUrlWithATrailingSlashStillHitsTheDocumentedPath() {
        runner.withPropertyValues(valid())
                .withPropertyValues("chekt.base-url=" + wiremock() + "/")
                .run(context -> assertThat(context.getBean(ChektGateway.class).submit(VERIFICATION, DISPATCH).chektId())
                        .isEqualTo(4));
        chekt.verify(1, patchRequestedFor(urlEqualTo(PATCH_PATH)));
    }

    @Test
    void warnsWhenATransportLoggerWouldWriteCredentials(CapturedOutput output) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        String leaking = "org.apache.hc.client5.http.headers";
        logging.setLogLevel(leaking, LogLevel.DEBUG);
        try {
            runner.withPropertyValues(valid()).run(context -> context.getBean(ChektGateway.class));
        } finally {
            logging.setLogLevel(leaking, null);
        }
        assertThat(output.getAll()).contains("Logger " + leaking + " is at DEBUG and will write CHeKT credentials");
    }

    static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }
}
