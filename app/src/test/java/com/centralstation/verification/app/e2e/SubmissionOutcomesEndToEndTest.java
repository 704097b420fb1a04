package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.usecase.SubmitDecision;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a refused dispatch, a rate limit, a dispatch deadline and a supervisor's cancellation lead to, with CHeKT over
 * real HTTP: an operator task at once, a visible wait that spends no retry, an agency call beside a submission that
 * goes on, and a final audited state.
 */
class SubmissionOutcomesEndToEndTest extends ServiceTest {

    @Autowired
    TaskService tasks;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Test
    void chektAnswering422ToADispatchCreatesTheOperatorTaskAtOnceWithChektsAnswer() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        CHEKT.stubFor(patch(urlEqualTo(alarm.patchPath())).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"contact_not_on_site\",\"message\":\"contact 67890 is not a contact of "
                        + "this site\",\"request_id\":\"req_422_a\",\"field\":\"contact_id\"}}")));
        decided(alarm, "dispatch");

        Task task = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(alarm.verificationId().toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.DISPATCH_NOT_TAKEN).singleResult(), t -> t != null);

        assertThat(task.getName()).endsWith(" · CHeKT did not take the dispatch: call the responding agency");
        assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(link -> link.getGroupId()).contains("operators");
        Map<String, Object> form = tasks.getVariables(task.getId());
        assertThat(form).containsEntry("chektStatus", 422).containsEntry("chektErrorCode", "contact_not_on_site")
                .containsEntry("chektRequestId", "req_422_a");
        assertThat((String) form.get("chektMessage")).contains("contact 67890 is not a contact of this site");
        assertThat(CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath())))).hasSize(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(instanceOf(alarm)).count()).isZero();
        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("dispatch_not_taken");
        assertThat(view.get("timeline").findValuesAsText("type")).contains("dispatch_not_taken")
                .doesNotContain("submission_failed");

        tasks.complete(task.getId(), Map.of("agencyNote", "City police, incident 2026-4471"));
        assertThat(verification(alarm.verificationId()).get("timeline").findValuesAsText("type")).endsWith("agency_called");
    }

    @Test
    void chektAnswering429WaitsTheTimeItNamedOnTheModelsTimerWithoutSpendingARetry() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        CHEKT.stubFor(patch(urlEqualTo(alarm.patchPath())).inScenario("limited").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")).willSetStateTo("refilled"));
        decided(alarm, "dispatch");

        Job wait = await().atMost(Duration.ofSeconds(30)).until(() -> management.createJobQuery()
                .processInstanceId(instanceOf(alarm)).activityId(AlarmVerificationModel.Event.WAIT_FOR_CHEKT)
                .singleResult(), j -> j != null);
        // due 20 s after CHeKT's answer, on the engine's clock (which runs on in this test)
        assertThat(Duration.between(now(), wait.getDuedate().toInstant())).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
        assertThat(wait.getExceptionMessage()).isNull();
        ChektStubs.acceptPatches(CHEKT);
        advanceClock(Duration.ofSeconds(21));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));
        assertThat(CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath())))).hasSize(2);
        List<String> timeline = verification(alarm.verificationId()).get("timeline").findValuesAsText("type");
        assertThat(timeline).containsSubsequence("submission_deferred", "decision_submitted")
                .doesNotContain("submission_failed");
    }

    @Test
    void retryAfterZeroDrawsAHandfulOfPatchesTheDispatchReachesAnOperatorAtItsDeadlineAndALater200ClosesTheTask()
            throws Exception {
        String dealer = "deadline-" + UUID.randomUUID().toString().substring(0, 8);
        TestAlarm alarm = TestAlarm.onContractSite("motion").atSite(dealer, "1", "HIGH", "Main Entrance");
        String path = alarm.patchPath();
        CHEKT.stubFor(patch(urlEqualTo(path)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\",\"request_id\":\"req_429_z\"}}")));
        // The engine's clock stands still and moves a second at a time: every wait timer due by then fires.
        ClockUtil.setCurrentTime(new Date());
        decided(alarm, "dispatch");
        await().atMost(Duration.ofSeconds(30)).until(() -> patchesTo(path) >= 1);

        for (int second = 0; second < 30; second++) {
            advanceClock(Duration.ofSeconds(1));
            awaitNothingDue(alarm);
        }

        // a floor of 1 s doubling with each 429: PATCHes at 0, 1, 3, 7 and 15 s, not one a second
        assertThat(patchesTo(path)).isBetween(4, 6);
        assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("decided");

        // past the dispatch deadline: an operator calls the agency while the submission keeps waiting as CHeKT asks
        advanceClock(Duration.ofMinutes(2));
        Task task = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(alarm.verificationId().toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.DISPATCH_PENDING).singleResult(), t -> t != null);
        awaitNothingDue(alarm);
        assertThat(task.getName()).endsWith(" · Call the agency: CHeKT has not taken the dispatch");
        assertThat(tasks.getVariables(task.getId())).containsEntry("chektStatus", 429)
                .containsEntry("chektRequestId", "req_429_z");
        assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("decided");
        JsonNode onBoard = boardItem(dealer, alarm);
        assertThat(onBoard.get("state").asText()).isEqualTo("dispatch_not_taken");
        assertThat(onBoard.get("state_text").asText()).isEqualTo("dispatch not taken yet: call the agency");
        assertThat(onBoard.get("operator_task").get("kind").asText()).isEqualTo("agency_call");
        assertThat(runtime.createIncidentQuery().processInstanceId(instanceOf(alarm)).count()).isZero();
        int refused = patchesTo(path);
        assertThat(refused).isLessThanOrEqualTo(8);

        // CHeKT takes it at last: the task goes, once, and the verification says it was taken late
        ChektStubs.acceptPatches(CHEKT);
        advanceClock(SubmitDecision.LIMIT_WINDOW);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));
        assertThat(CHEKT.getAllServeEvents()).filteredOn(served -> served.getRequest().getUrl().equals(path)
                && served.getResponse().getStatus() == 200).hasSize(1);
        assertThat(patchesTo(path)).isEqualTo(refused + 1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(alarm.verificationId().toString()).count()).isZero();
        assertThat(verification(alarm.verificationId()).get("timeline").findValuesAsText("type"))
                .containsSubsequence("operator_task_opened", "decision_submitted", "dispatch_taken_late",
                        "operator_task_closed")
                .doesNotContain("dispatch_not_taken", "submission_failed");
        assertThat(board(dealer).get("items")).isEmpty();
    }

    private JsonNode boardItem(String dealer, TestAlarm alarm) throws Exception {
        JsonNode items = board(dealer).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("verification_id").asText()).isEqualTo(alarm.verificationId().toString());
        return items.get(0);
    }

    private JsonNode board(String dealer) throws Exception {
        HttpResponse<String> answer = http.send(station(HttpRequest.newBuilder(uri("/api/board?dealer_id=" + dealer)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private int patchesTo(String path) {
        return CHEKT.findAll(patchRequestedFor(urlEqualTo(path))).size();
    }

    /** Waits until the job executor has run every job of the alarm's workflow due at the engine's current time. */
    private void awaitNothingDue(TestAlarm alarm) {
        String instance = instanceOf(alarm);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                management.createJobQuery().processInstanceId(instance).executable().count() == 0);
    }

    @Test
    void aSupervisorCancellingTheInstanceAsCockpitDoesMovesTheVerificationToCancelledBySupervisor() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(alarm.verificationId().toString())
                .singleResult().getId();

        // Cockpit's cancel dialog: skip custom listeners and I/O mappings, as its defaults are
        runtime.deleteProcessInstance(instanceId, "alarm handled by phone", true, true, true);

        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("cancelled_by_supervisor");
        assertThat(view.get("timeline").findValuesAsText("type")).endsWith("cancelled_by_supervisor");
        HttpResponse<String> listed = http.send(station(HttpRequest.newBuilder(
                uri("/api/verifications?state=cancelled_by_supervisor&limit=1000"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(listed.body()).get("verifications").findValuesAsText("verification_id"))
                .contains(alarm.verificationId().toString());
        assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"dispatch\"}").statusCode())
                .isEqualTo(409);
    }

    private String instanceOf(TestAlarm alarm) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(alarm.verificationId().toString())
                .singleResult().getId();
    }

    private void decided(TestAlarm alarm, String action) throws Exception {
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);
        assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"" + action + "\"}").statusCode())
                .isEqualTo(202);
    }
}
