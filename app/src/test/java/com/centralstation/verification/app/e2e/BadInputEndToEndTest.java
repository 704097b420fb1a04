package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.LocalHttp;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of bad input gets its documented 4xx as problem+json naming the field, never a 500, and
 * leaves nothing stored and nothing sent to CHeKT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputEndToEndTest extends ServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    /** An open verification whose first contact (67890) has been notified; 67891 has not. */
    private TestAlarm open;

    @BeforeAll
    void anOpenVerification() throws Exception {
        chektAcceptsEveryDecision();
        open = TestAlarm.onContractSite("motion");
        assertThat(deliverWebhook(open.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(open.verificationId()) == 1);
    }

    static Stream<Arguments> badWebhooks() {
        TestAlarm a = TestAlarm.onContractSite("motion");
        String good = a.body();
        return Stream.of(
                Arguments.of("malformed JSON", good.substring(0, good.length() - 3), 400, "body"),
                Arguments.of("not an object", "[1,2,3]", 400, "body"),
                Arguments.of("empty body", "", 400, "body"),
                Arguments.of("bad UUID", good.replace(a.verificationId().toString(), "not-a-uuid"), 400, "data.verification_id"),
                Arguments.of("alarm_verification_id as a word", good.replace("\"alarm_verification_id\":" + a.alarmVerificationId(),
                        "\"alarm_verification_id\":\"one\""), 400, "data.alarm_verification_id"),
                Arguments.of("over-long dealer id", good.replace("\"dealer_id\":\"12345\"", "\"dealer_id\":\"" + "9".repeat(300) + "\""),
                        400, "data.dealer_id"));
    }

    @ParameterizedTest(name = "webhook: {0} -> {2}")
    @MethodSource("badWebhooks")
    void badWebhookBodiesAreRefusedNamingTheFieldAndKeptOnlyInTheQuarantine(String why, String body, int status, String field)
            throws Exception {
        int refusedBefore = jdbc.queryForObject("SELECT COUNT(*) FROM refused_delivery", Integer.class);

        HttpResponse<String> response = deliverWebhook(body);

        assertProblem(response, status, field);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM webhook_delivery", Integer.class))
                .as("deliveries taken").isEqualTo(deliveriesBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM refused_delivery", Integer.class))
                .as("deliveries in the quarantine").isEqualTo(refusedBefore + 1);
        assertNothingSentToChekt();
    }

    private int deliveriesBefore;

    @BeforeEach
    void countDeliveries() {
        deliveriesBefore = jdbc.queryForObject("SELECT COUNT(*) FROM webhook_delivery", Integer.class);
    }

    static Stream<Arguments> badSignatures() {
        return Stream.of(
                Arguments.of("missing signature", true, null),
                Arguments.of("missing timestamp", false, "0".repeat(64)),
                Arguments.of("wrong signature", true, "0".repeat(64)),
                Arguments.of("not hex", true, "zz"));
    }

    @ParameterizedTest(name = "webhook: {0} -> 401")
    @MethodSource("badSignatures")
    void unsignedOrWronglySignedDeliveriesAre401(String why, boolean withTimestamp, String signature) throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/webhooks/chekt")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alarm.body()));
        if (withTimestamp) {
            request.header("X-CHeKT-Timestamp", String.valueOf(now().getEpochSecond()));
        }
        if (signature != null) {
            request.header("X-CHeKT-Signature", signature);
        }

        int refusedBefore = jdbc.queryForObject("SELECT COUNT(*) FROM refused_delivery", Integer.class);

        assertProblem(http.send(request.build(), HttpResponse.BodyHandlers.ofString()), 401, "X-CHeKT-Signature");
        assertThat(verification(alarm.verificationId())).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM refused_delivery", Integer.class))
                .as("an unproven delivery is not kept").isEqualTo(refusedBefore);
    }

    @Test
    void aStaleButCorrectlySignedDeliveryIs401() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        String stale = String.valueOf(now().minus(Duration.ofMinutes(6)).getEpochSecond());
        HttpResponse<String> response = LocalHttp.send(webhooks().signed(alarm.body(), stale).build());

        assertProblem(response, 401, "X-CHeKT-Signature");
        assertThat(response.body()).contains("minutes");
        assertThat(verification(alarm.verificationId())).isNull();
    }

    @ParameterizedTest(name = "webhook: X-CHeKT-Timestamp {0} -> 401")
    @ValueSource(strings = {"9223372036854775807", "-1", "99999999999999999999", "1e9", "31556889864403200"})
    void aTimestampThatIsNoSaneUnixTimeIs401NotA500(String timestamp) throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        HttpResponse<String> response = LocalHttp.send(webhooks().signed(alarm.body(), timestamp).build());

        assertProblem(response, 401, "X-CHeKT-Signature");
        assertThat(response.body()).contains("unix seconds");
        assertThat(verification(alarm.verificationId())).isNull();
    }

    @Test
    void anOversizedDeliveryIs413AndNotRead() throws Exception {
        String huge = "{\"id\":\"evt_big\",\"type\":\"verification.requested\",\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";
        int deliveriesBefore = jdbc.queryForObject("SELECT COUNT(*) FROM webhook_delivery", Integer.class);
        int refusedBefore = jdbc.queryForObject("SELECT COUNT(*) FROM refused_delivery", Integer.class);

        assertProblem(deliverWebhook(huge), 413, "body");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM webhook_delivery", Integer.class))
                .as("deliveries stored").isEqualTo(deliveriesBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM refused_delivery", Integer.class))
                .as("deliveries in the quarantine: an oversized body is not read, so not kept").isEqualTo(refusedBefore);
    }

    @Test
    void aDeliveryThatIsNotJsonIs415() throws Exception {
        String timestamp = String.valueOf(now().getEpochSecond());
        String body = "id=evt_form";
        HttpResponse<String> response = LocalHttp.send(webhooks().signed(body, timestamp)
                .setHeader("Content-Type", "application/x-www-form-urlencoded").build());
        assertProblem(response, 415, "Content-Type");
    }

    @Test
    void messagesAreSentencesThatSayWhatToSend() throws Exception {
        assertThat(json.readTree(decide(open.verificationId(), "").body()).get("detail").asText())
                .isEqualTo("The request body is empty: send a JSON object.");
        assertThat(json.readTree(decide(open.verificationId(), "{\"contact_id\":67890,\"action\":\"dispatch\",\"note\":\"x\"}")
                .body()).get("detail").asText())
                .isEqualTo("Unknown field note: this request takes only action, contact_id, responded_at.");
        assertThat(json.readTree(decide(open.verificationId(), "{\"contact_id\":-1,\"action\":\"dispatch\"}").body())
                .get("detail").asText()).as("a message that continues its field keeps the field in front").startsWith("contact_id ");
    }

    @Test
    void aFormEncodedDecisionIs415SayingWhatToSend() throws Exception {
        HttpResponse<String> response = http.send(station(HttpRequest.newBuilder(
                        uri("/api/verifications/" + open.verificationId() + "/decisions")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("contact_id=67890&action=dispatch")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 415, "Content-Type");
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("application/json")
                .doesNotContain("could not be handled");
        assertThat(verification(open.verificationId()).get("state").asText()).isEqualTo("open");
    }

    static Stream<Arguments> badDecisions() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"contact_id\":67890,", 400, "body"),
                Arguments.of("empty body", "", 400, "body"),
                Arguments.of("contact id as string", "{\"contact_id\":\"67890\",\"action\":\"dispatch\"}", 400, "contact_id"),
                Arguments.of("contact id as fraction", "{\"contact_id\":67890.5,\"action\":\"dispatch\"}", 400, "contact_id"),
                Arguments.of("negative contact id", "{\"contact_id\":-1,\"action\":\"dispatch\"}", 400, "contact_id"),
                Arguments.of("unknown field", "{\"contact_id\":67890,\"action\":\"dispatch\",\"note\":\"x\"}", 400, "note"),
                Arguments.of("missing action", "{\"contact_id\":67890}", 400, "action"),
                Arguments.of("missing contact", "{\"action\":\"dispatch\"}", 400, "contact_id"),
                Arguments.of("unknown action", "{\"contact_id\":67890,\"action\":\"cancel\"}", 400, "action"),
                Arguments.of("upper-case action", "{\"contact_id\":67890,\"action\":\"DISPATCH\"}", 400, "action"),
                Arguments.of("bad responded_at", "{\"contact_id\":67890,\"action\":\"dispatch\",\"responded_at\":\"10:22\"}", 400,
                        "responded_at"),
                Arguments.of("contact not on the call list", "{\"contact_id\":12,\"action\":\"dispatch\"}", 422, "contact_id"),
                Arguments.of("contact not yet notified", "{\"contact_id\":67891,\"action\":\"dispatch\"}", 422, "contact_id"),
                Arguments.of("responded in the future", "{\"contact_id\":67890,\"action\":\"dispatch\",\"responded_at\":\"2099-01-01T00:00:00Z\"}",
                        422, "responded_at"),
                Arguments.of("responded before the alarm", "{\"contact_id\":67890,\"action\":\"dispatch\",\"responded_at\":\"2020-01-01T00:00:00Z\"}",
                        422, "responded_at"));
    }

    @ParameterizedTest(name = "decision: {0} -> {2}")
    @MethodSource("badDecisions")
    void badDecisionsAreRefusedNamingTheFieldAndTheVerificationStaysOpen(String why, String body, int status, String field)
            throws Exception {
        assertProblem(decide(open.verificationId(), body), status, field);

        JsonNode view = verification(open.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("open");
        assertThat(view.has("decision")).isFalse();
        assertNothingSentToChekt();
    }

    @Test
    void aDecisionForAnUnknownVerificationIs404AndForAMalformedIdIs400() throws Exception {
        assertProblem(decide(UUID.randomUUID(), "{\"contact_id\":67890,\"action\":\"dispatch\"}"), 404, "verificationId");
        HttpResponse<String> malformed = http.send(station(HttpRequest.newBuilder(uri("/api/verifications/not-a-uuid/decisions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contact_id\":67890,\"action\":\"dispatch\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(malformed, 400, "verificationId");
    }

    @Test
    void theDecisionsApiNeedsTheStationsCredentials() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/verifications/" + open.verificationId() + "/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contact_id\":67890,\"action\":\"dispatch\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(verification(open.verificationId()).get("state").asText()).isEqualTo("open");
    }

    private void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.path("field").asText()).isEqualTo(field);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private void assertNothingSentToChekt() {
        assertThat(CHEKT.findAll(patchRequestedFor(anyUrl()))).isEmpty();
    }
}
