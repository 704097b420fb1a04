package com.centralstation.verification.app.demo;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failed submission as a supervisor meets it: CHeKT (the sandbox) is down until the engine's retries are spent,
 * the submission becomes an incident the engine REST API (and so Cockpit) shows, and once CHeKT is back, retrying
 * the incident's job, as Cockpit's retry does, submits the decision once.
 */
class SupervisorIncidentTest extends DemoServiceTest {

    /** The engine REST API of this context's engine (the test names it; a laptop's demo has "default" at /engine-rest). */
    private static final String ENGINE_REST = "/engine-rest/engine/" + ENGINE;

    @Test
    void aSubmissionThatFailedUntilItsRetriesRanOutIsRetriedFromTheIncidentOnceChektIsBack() throws Exception {
        Decided decided = decidedWhileChektIsDown();
        String verificationId = decided.verificationId();
        long alarmVerificationId = decided.alarmVerificationId();
        String instanceId = decided.instanceId();

        JsonNode incidents = engineRest("/incident?processInstanceId=" + instanceId);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).get("incidentType").asText()).isEqualTo("failedJob");
        assertThat(incidents.get(0).get("activityId").asText()).isEqualTo(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        assertThat(verification(verificationId).get("state").asText()).isEqualTo("decided");

        outage(false);
        String jobId = incidents.get(0).get("configuration").asText();
        HttpResponse<String> retried = http.send(HttpRequest.newBuilder(uri(ENGINE_REST + "/job/" + jobId + "/retries"))
                .header("Authorization", basic("admin", DEMO_PASSWORD)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"retries\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        // The job keeps the due date of its last failure; make sure that has passed on the engine's clock.
        advanceClock(Duration.ofMinutes(6));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(verificationId).get("state").asText()).isEqualTo("submitted"));
        List<JsonNode> patches = patchesFor(alarmVerificationId);
        assertThat(patches.stream().filter(patch -> patch.get("answeredStatus").asInt() == 200)).hasSize(1);
        assertThat(patches.get(patches.size() - 1).get("answeredStatus").asInt()).isEqualTo(200);
        assertThat(engineRest("/incident?processInstanceId=" + instanceId)).isEmpty();
        assertThat(patches).extracting(patch -> patch.at("/headers/idempotency-key").asText()).containsOnly("verification-" + verificationId);
    }

    private JsonNode engineRest(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(ENGINE_REST + path))
                .header("Authorization", basic("admin", DEMO_PASSWORD)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Objects.requireNonNull(json.readTree(response.body()));
    }
}
