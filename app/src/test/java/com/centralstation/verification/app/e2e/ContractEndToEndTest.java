package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbound contract end to end: CHeKT's signed delivery in, a contact's decision through the station
 * API, and the exact PATCH CHeKT receives.
 */
class ContractEndToEndTest extends ServiceTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void theContractVectorGoesInAsSignedAndTheContractPatchComesOut() throws Exception {
        // Stand at the vector's moment, so its signature timestamp is fresh.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-26T10:21:40Z")));
        UUID id = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

        HttpResponse<String> delivered = http.send(HttpRequest.newBuilder(uri("/webhooks/chekt"))
                .header("Content-Type", "application/json")
                .header("X-CHeKT-Timestamp", "1779790894")
                .header("X-CHeKT-Signature", "29408b6258ff3be792dfe3de32fd721fe8cf5a1e619527a6cb5bace65faa89bd")
                .POST(HttpRequest.BodyPublishers.ofString(TestAlarm.contractBody())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> contactsNotified(id) == 1);

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-05-26T10:22:06Z")));
        HttpResponse<String> decided = decide(id,
                "{\"contact_id\":67890,\"action\":\"dispatch\",\"responded_at\":\"2026-05-26T10:22:05Z\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> CHEKT.verify(1,
                patchRequestedFor(urlEqualTo("/partner/v1/dealers/12345/sites/1/alarm-verifications/1"))
                        .withHeader("Authorization", equalTo("Bearer test-access-token"))
                        .withHeader("Content-Type", matching("application/json.*"))
                        .withHeader("Idempotency-Key", equalTo("verification-550e8400-e29b-41d4-a716-446655440000"))
                        .withHeader("x-partner-trace-id", matching(UUID_PATTERN))
                        .withRequestBody(equalToJson("{\"verification_id\":\"550e8400-e29b-41d4-a716-446655440000\","
                                + "\"contact_id\":67890,\"action\":\"dispatch\",\"responded_at\":\"2026-05-26T10:22:05Z\"}"))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(verification(id).get("state").asText()).isEqualTo("submitted"));

        JsonNode view = verification(id);
        assertThat(view.at("/submission/chekt_id").asLong()).isEqualTo(4242);
        assertThat(view.at("/submission/trace_id").asText()).matches(UUID_PATTERN);
        assertThat(view.get("timeline").findValuesAsText("type")).containsSubsequence(
                "verification_received", "contact_notified", "decision_received", "decision_submitted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dispatch", "disregard"})
    void theFirstContactsDecisionReachesChektExactly(String action) throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> contactsNotified(alarm.verificationId()) == 1);

        Instant respondedAt = now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HttpResponse<String> decided = decide(alarm.verificationId(),
                "{\"contact_id\":67890,\"action\":\"" + action + "\",\"responded_at\":\"" + respondedAt + "\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> CHEKT.verify(1, patchRequestedFor(urlEqualTo(alarm.patchPath()))
                .withRequestBody(equalToJson("{\"verification_id\":\"" + alarm.verificationId() + "\",\"contact_id\":67890,"
                        + "\"action\":\"" + action + "\",\"responded_at\":\"" + respondedAt + "\"}"))));
    }
}
