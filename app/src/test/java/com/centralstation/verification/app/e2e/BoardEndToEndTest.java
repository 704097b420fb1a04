package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator board over real HTTP: {@code GET /api/board} in its order, states and bands as alarms arrive, escalate,
 * are decided, cancelled or not taken by CHeKT; who may read it and log into {@code /board}; the claim with the user's
 * own rights; and the stream of changes. The test context is shared with other end-to-end tests, so each test reads
 * the board filtered to a dealer of its own.
 */
class BoardEndToEndTest extends ServiceTest {

    private static final String PASSWORD = "board-test-password";
    private static final String OPERATOR = "boscar";
    private static final String SUPERVISOR = "bsofia";
    private static final String ANALYST = "barthur";
    private static final String REVOKED = "brita";
    /** Wrong passwords are tried on this one only: like Tasklist's login, each failure locks the user out for a while. */
    private static final String LOCKED_OUT = "bwrong";

    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    TaskService tasks;

    private final String dealer = "board-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void usersInEachRole() {
        camundaUser(OPERATOR, PASSWORD, "operators");
        camundaUser(SUPERVISOR, PASSWORD, "supervisors");
        camundaUser(ANALYST, PASSWORD, "analysts");
        camundaUser(LOCKED_OUT, PASSWORD, "operators");
        if (identity.createUserQuery().userId(REVOKED).count() == 0) {
            camundaUser(REVOKED, PASSWORD, "operators");
            // An administrator took the right to work on alarm-verification tasks away from this one operator in Admin.
            for (var resource : List.of(Resources.TASK, Resources.PROCESS_DEFINITION)) {
                Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
                revoke.setUserId(REVOKED);
                revoke.setResource(resource);
                revoke.setResourceId(resource == Resources.TASK ? Authorization.ANY : AlarmVerificationModel.PROCESS_KEY);
                if (resource == Resources.TASK) {
                    revoke.removePermission(Permissions.UPDATE);
                    revoke.removePermission(TaskPermissions.TASK_WORK);
                } else {
                    revoke.removePermission(ProcessDefinitionPermissions.UPDATE_TASK);
                    revoke.removePermission(ProcessDefinitionPermissions.TASK_WORK);
                }
                authorizations.saveAuthorization(revoke);
            }
        }
    }

    // ---- the board's order, states and bands ---------------------------------------------------------------------

    @Test
    void lifeSafetyFirstThenHighThenNormalOldestFirstWithStatesBandsAndTheNextStep() throws Exception {
        UUID normal = arrive("motion", "LOW", "1");
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(normal) == 1);
        advanceClock(Duration.ofMinutes(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(normal) == 2);
        UUID high = arrive("motion", "HIGH", "1");
        UUID fire = arrive("fire", "LOW", "2");
        advanceClock(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(high) == 1 && contactsNotified(fire) == 1);

        JsonNode board = board("dealer_id=" + dealer);

        assertThat(ids(board)).containsExactly(fire.toString(), high.toString(), normal.toString());
        JsonNode fireItem = board.get("items").get(0);
        assertThat(fireItem.get("alarm_class").asText()).isEqualTo("life-safety");
        assertThat(fireItem.get("state").asText()).isEqualTo("with_operator");
        assertThat(fireItem.get("state_text").asText()).isEqualTo("with operator");
        assertThat(fireItem.get("response_bucket").asText()).isEqualTo("0-2m");
        assertThat(fireItem.get("operator_task").get("kind").asText()).isEqualTo("review");
        assertThat(fireItem.get("operator_task").get("name").asText()).isEqualTo("Operator review");
        assertThat(fireItem.get("operator_task").get("assignee").isNull()).isTrue();
        assertThat(fireItem.get("site_id").asText()).isEqualTo("2");
        JsonNode highItem = board.get("items").get(1);
        assertThat(highItem.get("alarm_class").asText()).isEqualTo("high");
        assertThat(highItem.get("state_text").asText()).isEqualTo("notifying contact 1 of 3");
        assertThat(highItem.get("current_contact").get("name").asText()).isEqualTo("Ann Lee");
        assertThat(highItem.get("current_contact").get("channel").asText()).isEqualTo("log");
        assertThat(highItem.get("operator_task").isNull()).isTrue();
        JsonNode normalItem = board.get("items").get(2);
        assertThat(normalItem.get("alarm_class").asText()).isEqualTo("normal");
        assertThat(normalItem.get("state").asText()).isEqualTo("notifying");
        assertThat(normalItem.get("state_text").asText()).isEqualTo("notifying contact 2 of 3");
        assertThat(normalItem.get("current_contact").get("contact_id").asLong()).isEqualTo(67891);
        assertThat(normalItem.get("age_seconds").asLong()).isBetween(210L, 240L);
        assertThat(normalItem.get("response_bucket").asText()).isEqualTo("2-5m");
        assertThat(normalItem.get("location").asText()).isEqualTo("Main Entrance");
        // The ladder runs from the first notification: after 2 minutes the next step is at 5.
        JsonNode firstNotified = verification(normal).get("notified").get(0).get("notified_at");
        assertThat(normalItem.get("next_escalation_at").asText()).isEqualTo(
                java.time.Instant.parse(firstNotified.asText()).plus(Duration.ofMinutes(5)).toString());

        JsonNode counts = board.get("counts");
        assertThat(counts.get("total").asInt()).isEqualTo(3);
        assertThat(counts.get("by_class").get("life-safety").get("0-2m").asInt()).isEqualTo(1);
        assertThat(counts.get("by_class").get("normal").get("2-5m").asInt()).isEqualTo(1);
        assertThat(counts.get("by_bucket").get("0-2m").asInt()).isEqualTo(2);
        assertThat(board("dealer_id=" + dealer + "&site_id=2").get("items")).hasSize(1);

        // A page at a time, in the same order.
        JsonNode first = board("dealer_id=" + dealer + "&limit=2");
        assertThat(ids(first)).containsExactly(fire.toString(), high.toString());
        JsonNode second = board("dealer_id=" + dealer + "&limit=2&after=" + first.get("next").asText());
        assertThat(ids(second)).containsExactly(normal.toString());
        assertThat(second.get("next").isNull()).isTrue();
    }

    @Test
    void aDecisionIsSubmittedAndLeavesTheBoardAndACancellationLeavesItToo() throws Exception {
        UUID decided = arrive("motion", "HIGH", "1");
        UUID cancelled = arrive("motion", "HIGH", "1");
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(decided) == 1 && contactsNotified(cancelled) == 1);
        assertThat(ids(board("dealer_id=" + dealer))).containsExactly(decided.toString(), cancelled.toString());

        assertThat(decide(decided, "{\"contact_id\":67890,\"action\":\"disregard\"}").statusCode()).isEqualTo(202);
        assertThat(deliverWebhook(arrived.get(cancelled).cancellation()).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> board("dealer_id=" + dealer).get("items").isEmpty());
        assertThat(verification(decided).get("state").asText()).isEqualTo("submitted");
        assertThat(verification(cancelled).get("state").asText()).isEqualTo("cancelled");
        assertThat(board("dealer_id=" + dealer).get("counts").get("total").asInt()).isZero();
    }

    @Test
    void aDispatchChektDidNotTakeStaysOnTheBoardUntilTheAgencyIsCalled() throws Exception {
        UUID id = arrive("motion", "HIGH", "1");
        CHEKT.stubFor(patch(urlEqualTo(arrived.get(id).patchPath()))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"contact_not_on_site\",\"message\":\"no\",\"request_id\":\"r1\"}}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(id) == 1);
        assertThat(decide(id, "{\"contact_id\":67890,\"action\":\"dispatch\"}").statusCode()).isEqualTo(202);

        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> board("dealer_id=" + dealer).get("items").get(0),
                found -> found != null && found.get("state").asText().equals("dispatch_not_taken"));
        assertThat(item.get("state_text").asText()).isEqualTo("dispatch not taken: call the agency");
        assertThat(item.get("operator_task").get("kind").asText()).isEqualTo("agency_call");

        tasks.complete(item.get("operator_task").get("task_id").asText(), Map.of("agencyNote", "City police called"));
        assertThat(board("dealer_id=" + dealer).get("items")).isEmpty();
    }

    @Test
    void badRequestsAreAnsweredAsProblemsNamingTheParameter() throws Exception {
        for (var bad : Map.of("limit=0", "limit", "limit=501", "limit", "after=not-a-cursor", "after",
                "site_id=1", "site_id", "dealer_id=" + "d".repeat(256), "dealer_id").entrySet()) {
            HttpResponse<String> answer = get("/api/board?" + bad.getKey(), station());
            assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(answer.body()).get("field").asText()).isEqualTo(bad.getValue());
        }
    }

    // ---- who may read and log in ------------------------------------------------------------------------------------

    @Test
    void theStationOperatorsAndSupervisorsReadTheBoardAndNobodyElse() throws Exception {
        assertThat(get("/api/board", station()).statusCode()).isEqualTo(200);
        assertThat(get("/api/board", basic(OPERATOR, PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(get("/api/board", basic(SUPERVISOR, PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(get("/api/board", basic("admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(200);

        HttpResponse<String> analyst = get("/api/board", basic(ANALYST, PASSWORD));
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(json.readTree(analyst.body()).get("detail").asText()).isEqualTo("these credentials may not GET /api/board");
        for (String credentials : List.of("", basic(LOCKED_OUT, "wrong"), basic(STATION_USER, "wrong"), basic("nobody", PASSWORD))) {
            HttpResponse<String> refused = get("/api/board", credentials);
            assertThat(refused.statusCode()).as(credentials).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(get("/api/board/stream", basic(ANALYST, PASSWORD)).statusCode()).isEqualTo(403);
    }

    @Test
    void theBoardPageLogsInCamundaUsersAndRefusesAnalystsWithAPageThatSaysWhy() throws Exception {
        BoardSession anonymous = new BoardSession(uri("/"));
        HttpResponse<String> notLoggedIn = anonymous.get("/board");
        assertThat(notLoggedIn.statusCode()).isEqualTo(302);
        assertThat(notLoggedIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/board/login"));
        // What the page's script asks for is answered 401, so the script can say the session ended.
        assertThat(anonymous.get("/board/stream", "text/event-stream").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/board/items", "*/*").statusCode()).isEqualTo(401);

        HttpResponse<String> wrong = anonymous.logIn(LOCKED_OUT, "wrong");
        assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/board/login?error"));

        BoardSession analyst = new BoardSession(uri("/"));
        analyst.logIn(ANALYST, PASSWORD);
        HttpResponse<String> refused = analyst.get("/board");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("The operator board is for operators and supervisors", ANALYST, "analysts");
        assertThat(analyst.get("/board/items").statusCode()).isEqualTo(403);

        BoardSession operator = new BoardSession(uri("/"));
        HttpResponse<String> loggedIn = operator.logIn(OPERATOR, PASSWORD);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/board"));
        HttpResponse<String> page = operator.get("/board");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Operator board", "Logged in as <b>" + OPERATOR + "</b>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("onclick").doesNotContain("style=");
    }

    // ---- the claim ---------------------------------------------------------------------------------------------------

    @Test
    void aClaimGoesThroughTheEngineWithTheUsersOwnRightsAndTheBoardShowsWhoHoldsIt() throws Exception {
        UUID fire = arrive("fire", "LOW", "1");
        String taskId = await().atMost(Duration.ofSeconds(30)).until(() -> review(fire), Objects::nonNull).getId();
        BoardSession operator = session(OPERATOR);
        BoardSession supervisor = session(SUPERVISOR);
        BoardSession revoked = session(REVOKED);

        HttpResponse<String> refused = revoked.postFromBoard("/board/tasks/" + taskId + "/claim");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json.readTree(refused.body()).get("detail").asText()).contains("Camunda's authorizations do not let " + REVOKED);
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();

        HttpResponse<String> claimed = operator.postFromBoard("/board/tasks/" + taskId + "/claim");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        assertThat(json.readTree(claimed.body()).get("assignee").asText()).isEqualTo(OPERATOR);
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(OPERATOR);
        assertThat(board("dealer_id=" + dealer).get("items").get(0).get("operator_task").get("assignee").asText()).isEqualTo(OPERATOR);
        assertThat(operator.get("/board?dealer_id=" + dealer).body()).contains("You hold it");
        assertThat(supervisor.get("/board?dealer_id=" + dealer).body()).contains("Held by " + OPERATOR);
        assertThat(verification(fire).get("timeline").findValuesAsText("actor")).contains("operator:" + OPERATOR);

        HttpResponse<String> held = supervisor.postFromBoard("/board/tasks/" + taskId + "/claim");
        assertThat(held.statusCode()).isEqualTo(409);
        assertThat(json.readTree(held.body()).get("detail").asText()).isEqualTo(OPERATOR + " holds this task already");
        assertThat(operator.postFromBoard("/board/tasks/no-such-task/claim").statusCode()).isEqualTo(404);
        assertThat(operator.postForm("/board/tasks/" + taskId + "/claim", Map.of()).statusCode())
                .as("a claim without the form's token").isEqualTo(403);
    }

    // ---- the stream --------------------------------------------------------------------------------------------------

    @Test
    void theStreamNamesAnAlarmTakenInStartedEscalatingAndBeingDecided() throws Exception {
        BoardSession operator = session(OPERATOR);
        try (EventStream station = new EventStream(http, HttpRequest.newBuilder(uri("/api/board/stream"))
                .header("Authorization", station()).header("Accept", "text/event-stream").GET().build());
             EventStream page = new EventStream(operator.client(), HttpRequest.newBuilder(uri("/board/stream"))
                     .header("Accept", "text/event-stream").GET().build())) {
            // A stream answers once it is open, and from then on everything written is news to it.
            await().atMost(Duration.ofSeconds(10)).until(() -> station.status() == 200 && page.status() == 200);

            UUID id = arrive("motion", "HIGH", "1");
            await().atMost(Duration.ofSeconds(15)).until(() -> station.changes().contains(id + ": verification_received"));
            await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(id) == 1);

            advanceClock(Duration.ofMinutes(2).plusSeconds(5));
            await().atMost(Duration.ofSeconds(30)).until(() -> station.changes().contains(id + ": escalated"));

            assertThat(decide(id, "{\"contact_id\":67890,\"action\":\"dispatch\"}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(15)).until(() -> station.changes().contains(id + ": decision_received"));

            List<String> mine = new ArrayList<>(station.changes().stream().filter(change -> change.startsWith(id.toString())).toList());
            // Named once taken into the inbox, before its start: a storm's alarms reach the board as they are answered.
            assertThat(mine).containsOnlyOnce(id + ": request_received");
            assertThat(mine.indexOf(id + ": request_received")).isLessThan(mine.indexOf(id + ": verification_received"));
            assertThat(mine.indexOf(id + ": verification_received")).isLessThan(mine.indexOf(id + ": escalated"));
            assertThat(mine.indexOf(id + ": escalated")).isLessThan(mine.indexOf(id + ": decision_received"));
            // The page's stream, on the operator's session, hears the same.
            await().atMost(Duration.ofSeconds(15)).until(() -> page.changes().containsAll(
                    List.of(id + ": verification_received", id + ": escalated", id + ": decision_received")));
            assertThat(station.events()).allSatisfy(event -> assertThat(event.name()).isEqualTo("changes"));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private final Map<UUID, TestAlarm> arrived = new java.util.concurrent.ConcurrentHashMap<>();

    /** A verification.requested for this test's dealer, signed and delivered; the class follows trigger and priority. */
    private UUID arrive(String trigger, String priority, String site) throws IOException, InterruptedException {
        TestAlarm alarm = TestAlarm.onContractSite(trigger).atSite(dealer, site, priority, "Main Entrance");
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        arrived.put(alarm.verificationId(), alarm);
        return alarm.verificationId();
    }

    private Task review(UUID id) {
        return tasks.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_REVIEW).singleResult();
    }

    private JsonNode board(String query) throws IOException, InterruptedException {
        HttpResponse<String> answer = get("/api/board?" + query, station());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private static List<String> ids(JsonNode board) {
        List<String> ids = new ArrayList<>();
        board.get("items").forEach(item -> ids.add(item.get("verification_id").asText()));
        return ids;
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private BoardSession session(String user) throws IOException, InterruptedException {
        BoardSession session = new BoardSession(uri("/"));
        assertThat(session.logIn(user, PASSWORD).headers().firstValue("Location")).hasValueSatisfying(to ->
                assertThat(to).endsWith("/board"));
        return session;
    }

    private static String station() {
        return basic(STATION_USER, STATION_PASSWORD);
    }
}
