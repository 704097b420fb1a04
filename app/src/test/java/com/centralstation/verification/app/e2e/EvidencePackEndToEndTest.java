package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.JobExecutorQuiet;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The evidence pack of verifications that ended each way, read as JSON and as the printable page. */
class EvidencePackEndToEndTest extends ServiceTest {

    @Autowired
    TaskService tasks;

    @Autowired
    ManagementService management;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDispatchedVerificationsPackShowsWhoWasTriedTheDecisionChektsReceiptAndAnIntactChain() throws Exception {
        TestAlarm alarm = notified("motion");
        assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"dispatch\"}").statusCode()).isEqualTo(202);
        awaitState(alarm.verificationId(), "submitted");

        JsonNode pack = pack(alarm.verificationId());

        assertThat(pack.at("/alarm/trigger").asText()).isEqualTo("motion");
        assertThat(pack.get("call_list")).hasSize(3);
        assertThat(pack.at("/call_list/0/phone").asText()).startsWith("•••").doesNotContain("555");
        assertThat(pack.get("notification_attempts")).isNotEmpty();
        assertThat(pack.at("/notification_attempts/0/outcome").asText()).isEqualTo("delivered");
        assertThat(pack.at("/escalation_steps/0/step").asText()).isEqualTo("intake");
        assertThat(pack.at("/escalation_steps/0/inputs/trigger").asText()).isEqualTo("motion");
        assertThat(pack.at("/escalation_steps/0/advice/handOverToOperator").asText()).isEqualTo("false");
        assertThat(pack.at("/decision/action").asText()).isEqualTo("dispatch");
        assertThat(pack.at("/decision/how").asText()).isEqualTo("station_api");
        assertThat(pack.at("/decision/response_time").asText()).isEqualTo("0-2m");
        assertThat(pack.at("/chekt_exchanges/0/outcome").asText()).isEqualTo("accepted");
        assertThat(pack.at("/chekt_exchanges/0/trace_id").asText()).isNotBlank();
        assertThat(pack.at("/chekt_exchanges/0/http_status").asText()).as("what CHeKT answered").isEqualTo("200");
        assertThat(pack.at("/ecv_summary/contacts_tried_before_decision").asInt()).isEqualTo(1);
        assertThat(pack.at("/ecv_summary/addresses_tried_by_channel/log").asInt()).isEqualTo(1);
        List<String> events = pack.get("timeline").findValuesAsText("type");
        assertThat(events).as("in the order they happened")
                .containsSubsequence("decision_received", "alarm_validated", "decision_submitted");
        assertThat(pack.at("/audit_chain/verifies").asBoolean()).isTrue();
        assertThat(pack.at("/audit_chain/rows_checked").asInt()).isEqualTo(pack.get("timeline").size());
        assertThat(pack.at("/audit_chain/head/position").asInt()).isEqualTo(pack.get("timeline").size());
        assertThat(pack.at("/audit_chain/head/hash").asText()).matches("[0-9a-f]{16}");
    }

    @Test
    void aDisregardedVerificationsPackShowsTheDisregardAndWhatChektWasTold() throws Exception {
        TestAlarm alarm = notified("motion");
        assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"disregard\"}").statusCode()).isEqualTo(202);
        awaitState(alarm.verificationId(), "submitted");

        JsonNode pack = pack(alarm.verificationId());

        assertThat(pack.at("/decision/action").asText()).isEqualTo("disregard");
        assertThat(pack.at("/chekt_exchanges/0/outcome").asText()).isEqualTo("accepted");
        assertThat(pack.at("/audit_chain/verifies").asBoolean()).isTrue();
    }

    @Test
    void anOperatorDecidedVerificationsPackNamesTheOperatorPath() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("fire");
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        Task review = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(alarm.verificationId().toString()).taskNameLike("% · Operator review").singleResult(),
                task -> task != null);
        // The hand-over's notification jobs may still run; completing the task meanwhile would race them.
        JobExecutorQuiet.awaitNoDueJobs(management, review.getProcessInstanceId());
        tasks.complete(review.getId(), Map.of("operatorOutcome", "dispatch", "operatorContactId", 67890L,
                "operatorNote", "Ann confirmed smoke by phone"));
        awaitState(alarm.verificationId(), "submitted");

        JsonNode pack = pack(alarm.verificationId());

        assertThat(pack.at("/decision/how").asText()).isEqualTo("operator");
        assertThat(pack.at("/decision/action").asText()).isEqualTo("dispatch");
        assertThat(pack.at("/escalation_steps/0/advice/handOverToOperator").asText()).isEqualTo("true");
        assertThat(pack.at("/audit_chain/verifies").asBoolean()).isTrue();
    }

    @Test
    void aCancelledVerificationsPackHasNoDecisionAndNothingSentToChekt() throws Exception {
        TestAlarm alarm = notified("motion");
        assertThat(deliverWebhook(alarm.cancellation("verification.cancelled")).statusCode()).isEqualTo(202);
        awaitState(alarm.verificationId(), "cancelled");

        JsonNode pack = pack(alarm.verificationId());

        assertThat(pack.get("state").asText()).isEqualTo("cancelled");
        assertThat(pack.get("decision").isNull()).isTrue();
        assertThat(pack.get("chekt_exchanges")).isEmpty();
        assertThat(pack.get("timeline").findValuesAsText("type")).contains("cancelled");
        assertThat(pack.at("/audit_chain/verifies").asBoolean()).isTrue();
    }

    @Test
    void aRowRewrittenBehindTheServicesBackIsNamedInThePackAndOnThePage() throws Exception {
        TestAlarm alarm = notified("motion");
        // rows are sealed by the audit sealer shortly after their commit
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.update(
                "UPDATE audit_event SET actor = 'someone-else' WHERE verification_id = ? AND chain_position = 1",
                alarm.verificationId()) == 1);

        JsonNode pack = pack(alarm.verificationId());
        HttpResponse<String> page = get(alarm.verificationId(), "text/html");

        assertThat(pack.at("/audit_chain/verifies").asBoolean()).isFalse();
        assertThat(pack.at("/audit_chain/first_tampered/position").asInt()).isEqualTo(1);
        assertThat(pack.at("/audit_chain/first_tampered/type").asText()).isEqualTo("POLICY_APPLIED");
        assertThat(page.body()).contains("does NOT verify: row 1 (POLICY_APPLIED)");
    }

    @Test
    void aBrowserGetsThePrintablePageWithoutAnyScript() throws Exception {
        TestAlarm alarm = notified("motion");

        HttpResponse<String> page = get(alarm.verificationId(), "text/html,application/xhtml+xml,*/*;q=0.8");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Alarm verification evidence pack", alarm.verificationId().toString(), "@media print",
                "The audit hash chain verifies").doesNotContain("<script");
    }

    @Test
    void anUnknownVerificationIs404AndAnUnservableFormatIs406BothAsProblems() throws Exception {
        HttpResponse<String> unknown = get(UUID.randomUUID(), "text/html");
        HttpResponse<String> pdf = get(notified("motion").verificationId(), "application/pdf");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json.readTree(unknown.body()).get("field").asText()).isEqualTo("verificationId");
        assertThat(pdf.statusCode()).isEqualTo(406);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json.readTree(pdf.body()).get("field").asText()).isEqualTo("Accept");
    }

    private TestAlarm notified(String trigger) throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite(trigger);
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);
        return alarm;
    }

    private void awaitState(UUID verificationId, String state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(verificationId).get("state").asText()).isEqualTo(state));
    }

    private JsonNode pack(UUID verificationId) throws IOException, InterruptedException {
        HttpResponse<String> response = get(verificationId, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(UUID verificationId, String accept) throws IOException, InterruptedException {
        return http.send(station(HttpRequest.newBuilder(uri("/api/verifications/" + verificationId + "/evidence")))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
