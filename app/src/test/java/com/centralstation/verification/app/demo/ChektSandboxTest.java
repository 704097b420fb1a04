package com.centralstation.verification.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox answers as CHeKT's Partner API documents it, over real HTTP; and test alarms need the station login. */
class ChektSandboxTest extends DemoServiceTest {

    private static final String SITE_PATH = "/demo/chekt/partner/v1/dealers/demo-dealer/sites/demo-site/alarm-verifications/";

    @Test
    void theTokenEndpointIssuesClientCredentialsTokensToTheConfiguredClientOnly() throws Exception {
        HttpResponse<String> token = token("client_credentials", "demo-client", "demo-secret");
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(token.body());
        assertThat(answer.get("access_token").asText()).isNotBlank();
        assertThat(answer.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.get("expires_in").asLong()).isEqualTo(3600);

        assertThat(token("client_credentials", "demo-client", "wrong").statusCode()).isEqualTo(401);
        assertThat(token("password", "demo-client", "demo-secret").statusCode()).isEqualTo(400);
    }

    @Test
    void thePatchEchoesTheDecisionWithAnIdAndRefusesWhatCheKtRefuses() throws Exception {
        String bearer = "Bearer " + json.readTree(token("client_credentials", "demo-client", "demo-secret").body())
                .get("access_token").asText();
        String verificationId = UUID.randomUUID().toString();
        String decision = "{\"verification_id\":\"" + verificationId + "\",\"contact_id\":7001,\"action\":\"disregard\","
                + "\"responded_at\":\"2026-05-26T10:22:05Z\"}";

        assertThat(patch(SITE_PATH + "9001", null, decision, "k1").statusCode()).isEqualTo(401);
        assertThat(patch(SITE_PATH + "9001", "Bearer forged", decision, "k1").statusCode()).isEqualTo(401);
        HttpResponse<String> accepted = patch(SITE_PATH + "9001", bearer, decision, "verification-" + verificationId);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode echo = json.readTree(accepted.body());
        assertThat(echo.get("id").isIntegralNumber()).isTrue();
        assertThat(echo.get("verification_id").asText()).isEqualTo(verificationId);
        assertThat(echo.get("contact_id").asLong()).isEqualTo(7001);
        assertThat(echo.get("action").asText()).isEqualTo("disregard");
        assertThat(echo.get("responded_at").asText()).isEqualTo("2026-05-26T10:22:05Z");

        // A retried PATCH with the same key and body is taken once; anything else on an answered verification is 409.
        HttpResponse<String> replay = patch(SITE_PATH + "9001", bearer, decision, "verification-" + verificationId);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json.readTree(replay.body()).get("id")).isEqualTo(echo.get("id"));
        assertThat(patch(SITE_PATH + "9001", bearer, decision.replace("disregard", "dispatch"), "verification-" + verificationId)
                .statusCode()).isEqualTo(409);
        assertThat(patch(SITE_PATH + "9001", bearer, decision, "another-key").statusCode()).isEqualTo(409);

        assertThat(patch(SITE_PATH + "9002", bearer, decision.replace("7001", "\"7001\""), null).statusCode()).isEqualTo(400);
        assertThat(patch(SITE_PATH + "9002", bearer, decision.replace("disregard", "ignore"), null).statusCode()).isEqualTo(400);
        assertThat(patch(SITE_PATH + "9002", bearer, "{\"verification_id\":\"" + verificationId + "\"}", null).statusCode()).isEqualTo(400);
        assertThat(patch(SITE_PATH + "9002", bearer, decision.replace("7001", "9999"), null).statusCode()).isEqualTo(404);
        HttpResponse<String> unknownSite = patch("/demo/chekt/partner/v1/dealers/12345/sites/1/alarm-verifications/9002",
                bearer, decision, null);
        assertThat(unknownSite.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknownSite.body()).at("/error/request_id").asText()).startsWith("req_sandbox_");

        assertThat(received()).filteredOn(request -> request.get("path").asText().endsWith("/9001"))
                .extracting(request -> request.get("answeredStatus").asInt()).containsExactly(401, 401, 200, 200, 409, 409);
    }

    @Test
    void testAlarmsNeedTheStationLoginAndATriggerWord() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/test-alarms"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> badTrigger = http.send(station(HttpRequest.newBuilder(uri("/api/test-alarms")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"trigger\":\"<script>\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badTrigger.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badTrigger.body()).get("field").asText()).isEqualTo("trigger");
    }

    private HttpResponse<String> token(String grantType, String clientId, String secret) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/demo/chekt/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + grantType + "&client_id=" + clientId
                        + "&client_secret=" + secret)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> patch(String path, String authorization, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
