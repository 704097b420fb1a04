package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.JobExecutorQuiet;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What CHeKT answers decides how a submission ends: retried until it lands once, or closed and audited. */
class ChektOutcomesEndToEndTest extends ServiceTest {

    @Autowired
    ManagementService management;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Test
    void chektDownForAWhileThenBackTheSubmissionGoesThroughByItselfOnce() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        CHEKT.stubFor(patch(urlEqualTo(alarm.patchPath())).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("still down"));
        CHEKT.stubFor(patch(urlEqualTo(alarm.patchPath())).inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")).willSetStateTo("back"));
        decided(alarm);

        // The engine retries on its own cycle (10 s, then 30 s): move its clock to each retry's due date.
        advanceToTheNextRetry(alarm);
        await().atMost(Duration.ofSeconds(30)).until(() -> patches(alarm) == 2);
        ChektStubs.acceptPatches(CHEKT);
        advanceToTheNextRetry(alarm);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));
        assertThat(patches(alarm)).isEqualTo(3);
        assertThat(CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath()))))
                .extracting(request -> request.getHeader("Idempotency-Key")).containsOnly("verification-" + alarm.verificationId());
        List<String> timeline = verification(alarm.verificationId()).get("timeline").findValuesAsText("type");
        assertThat(timeline.stream().filter("submission_failed"::equals)).hasSize(2);
        assertThat(timeline).containsOnlyOnce("decision_submitted").endsWith("decision_submitted");
    }

    @Test
    void chektAnswering409ToADisregardClosesTheVerificationQuietlyAndAuditsIt() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        CHEKT.stubFor(patch(urlEqualTo(alarm.patchPath())).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"verification_closed\",\"message\":\"already answered\",\"request_id\":\"req_77\"}}")));
        decided(alarm, "disregard");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("closed_by_chekt"));
        JsonNode event = null;
        for (JsonNode e : verification(alarm.verificationId()).get("timeline")) {
            if (e.get("type").asText().equals("closed_by_chekt")) {
                event = e;
            }
        }
        assertThat(event).isNotNull();
        assertThat(event.at("/details/status").asText()).isEqualTo("409");
        assertThat(event.at("/details/requestId").asText()).isEqualTo("req_77");
        assertThat(patches(alarm)).isEqualTo(1);
    }

    @Test
    void aCancellationFromChektEndsTheVerificationAndLaterDecisionsAre409() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);

        assertThat(deliverWebhook(alarm.cancellation("alarm.resolved")).statusCode()).isEqualTo(202);
        assertThat(deliverWebhook(alarm.cancellation("verification.cancelled")).statusCode()).isEqualTo(200);

        assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("cancelled");
        assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"dispatch\"}").statusCode()).isEqualTo(409);
        advanceClock(Duration.ofMinutes(3));
        // Past the 2-minute escalation: a timer surviving the cancellation would now be due; let the executor run it.
        JobExecutorQuiet.awaitNoDueJobs(management, history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(alarm.verificationId().toString()).singleResult().getId());
        assertThat(patches(alarm)).isZero();
        assertThat(contactsNotified(alarm.verificationId())).isEqualTo(1);
    }

    private void decided(TestAlarm alarm) throws Exception {
        decided(alarm, "dispatch");
    }

    private void decided(TestAlarm alarm, String action) throws Exception {
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);
        assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"" + action + "\"}").statusCode())
                .isEqualTo(202);
    }

    /** Waits until the failed submission job has its next due date (set after the failure), then moves the clock there. */
    private void advanceToTheNextRetry(TestAlarm alarm) {
        Job failed = await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery()
                .processInstanceId(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(alarm.verificationId().toString()).singleResult().getId())
                .withException().list().stream()
                .filter(job -> job.getDuedate() != null && job.getDuedate().toInstant().isAfter(now()))
                .findFirst().orElse(null), java.util.Objects::nonNull);
        advanceClock(Duration.between(now(), failed.getDuedate().toInstant()).plusSeconds(1));
    }

    private int patches(TestAlarm alarm) {
        return CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath()))).size();
    }
}
