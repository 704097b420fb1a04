package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotificationResult;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SignedWebhookChannelTest {

    private static final String SECRET = "station-shared-secret";
    private static final String PATH = "/automation/contact-notifications";

    @RegisterExtension
    static final WireMockExtension STATION = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final NotificationFixture fixture = new NotificationFixture();

    @Test
    void postsTheNotificationAsJsonSignedWithTheSharedSecret() throws Exception {
        STATION.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        fixture.notifier(3, webhook(SECRET)).notify(fixture.notificationFor(CHO));

        LoggedRequest request = onlyRequest();
        String body = request.getBodyAsString();
        String timestamp = request.getHeader("X-Verification-Timestamp");
        assertThat(timestamp).isEqualTo(String.valueOf(NotificationFixture.NOW.getEpochSecond()));
        assertThat(request.getHeader("X-Verification-Signature")).isEqualTo("sha256=" + hmacSha256(SECRET, timestamp + "." + body));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");

        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(json.path("verification_id").asText()).isEqualTo(fixture.verificationId().toString());
        assertThat(json.path("site").path("dealer_id").asText()).isEqualTo("12345");
        assertThat(json.path("site").path("site_id").asText()).isEqualTo("1");
        assertThat(json.path("alarm").path("trigger").asText()).isEqualTo("motion");
        assertThat(json.path("alarm").path("priority").asText()).isEqualTo("HIGH");
        assertThat(json.path("alarm").path("location").asText()).isEqualTo("Main Entrance");
        assertThat(json.path("alarm").path("occurred_at").asText()).isEqualTo("2026-05-26T10:21:30Z");
        assertThat(json.path("contact").path("contact_id").asLong()).isEqualTo(CHO.contactId());
        assertThat(json.path("contact").path("name").asText()).isEqualTo("Cho Park");
        assertThat(json.path("position").asInt()).isEqualTo(3);
        assertThat(fixture.contactOfLinkIn(json.path("response_link").asText())).contains(CHO.contactId());
        assertThat(NotificationFixture.withoutLinks(body)).doesNotContain("Ann", "Ben", "+1555");
        assertThat(fixture.log.all()).containsExactly(new NotificationAttempt(fixture.verificationId(), CHO.contactId(),
                "webhook", STATION.baseUrl() + PATH, NotificationFixture.NOW, true, "HTTP 202"));
    }

    @Test
    void aChannelWithAnotherSecretSignsWithThatSecretExactly() throws Exception {
        STATION.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

        fixture.notifier(3, webhook("other-secret")).notify(fixture.notificationFor(BEN));

        LoggedRequest request = onlyRequest();
        String signed = request.getHeader("X-Verification-Timestamp") + "." + request.getBodyAsString();
        assertThat(request.getHeader("X-Verification-Signature")).isEqualTo("sha256=" + hmacSha256("other-secret", signed))
                .isNotEqualTo("sha256=" + hmacSha256(SECRET, signed));
    }

    @Test
    void aRefusalByTheStationIsPermanentAndAnOutageIsNot() {
        STATION.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody("unknown site")));
        NotificationResult refused = fixture.notifier(3, webhook(SECRET)).notify(fixture.notificationFor(BEN));

        STATION.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        NotificationFailedException outage = catchThrowableOfType(NotificationFailedException.class,
                () -> fixture.notifier(3, webhook(SECRET)).notify(fixture.notificationFor(CHO)));

        assertThat(refused.outcome()).isEqualTo(NotificationOutcome.UNREACHABLE);
        assertThat(refused.detail()).contains("HTTP 400", "unknown site");
        assertThat(outage).as("an outage may pass: the job is retried").isNotNull();
        STATION.verify(2, postRequestedFor(urlPathEqualTo(PATH)).withHeader("X-Verification-Signature", containing("sha256=")));
    }

    @Test
    void aStationThatTookTheRequestAndAnswersTooLateMayHaveItSoTheDeliveryIsUnconfirmedAndNotRetried() {
        STATION.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(202).withFixedDelay(1_500)));
        SignedWebhookChannel slow = new SignedWebhookChannel(new SignedWebhookProperties(
                URI.create(STATION.baseUrl() + PATH), SECRET),
                new HttpTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)), fixture.clock);

        NotificationResult result = fixture.notifier(3, slow).notify(fixture.notificationFor(ANN));

        assertThat(result.delivery()).isEqualTo(NotificationDelivery.UNCONFIRMED);
        assertThat(result.unconfirmedBecause()).hasValueSatisfying(reason ->
                assertThat(reason).contains("station webhook did not answer"));
        assertThat(fixture.log.all()).singleElement().extracting(NotificationAttempt::result).isEqualTo("unconfirmed");
        STATION.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aStationThatCannotBeReachedTookNothingSoTheJobIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SignedWebhookChannel unreachable = new SignedWebhookChannel(new SignedWebhookProperties(
                URI.create("http://127.0.0.1:" + closedPort + PATH), SECRET),
                new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)), fixture.clock);

        NotificationFailedException failure = catchThrowableOfType(NotificationFailedException.class,
                () -> fixture.notifier(3, unreachable).notify(fixture.notificationFor(ANN)));

        assertThat(failure).as("nothing left: the job runs again").isNotNull();
        assertThat(fixture.log.all()).singleElement().extracting(NotificationAttempt::result).isEqualTo("failed");
    }

    private SignedWebhookChannel webhook(String secret) {
        return new SignedWebhookChannel(new SignedWebhookProperties(URI.create(STATION.baseUrl() + PATH), secret),
                new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)), fixture.clock);
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = STATION.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static String hmacSha256(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
