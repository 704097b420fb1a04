package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An analyst replays a candidate escalation policy against recorded steps; nothing is deployed. */
class PolicyDryRunEndToEndTest extends ServiceTest {

    private static final String WAIT_FOR_FIRST_CONTACT_ALERT =
            "<outputEntry id=\"LiteralExpression_WaitFirst_Alert\"><text>false</text></outputEntry>";
    private static final String ANALYST = "dana";
    private static final String SUPERVISOR = "sam";
    private static final String OPERATOR = "otto";
    private static final String PASSWORD = "dry-run-test-password";

    @Autowired
    RepositoryService repository;

    @BeforeEach
    void people() {
        camundaUser(ANALYST, PASSWORD, "analysts");
        camundaUser(SUPERVISOR, PASSWORD, "supervisors");
        camundaUser(OPERATOR, PASSWORD, "operators");
    }

    @Test
    void aChangedRuleNamesTheVerificationsAndStepsItWouldAdviseDifferentlyAndDeploysNothing() throws Exception {
        UUID motion = policyApplied("motion");
        UUID doorForced = policyApplied("door-forced");
        UUID fire = policyApplied("fire");
        long decisionsBefore = repository.createDecisionDefinitionQuery().count();
        long deploymentsBefore = repository.createDeploymentQuery().count();
        String candidate = shippedPolicy().replace(WAIT_FOR_FIRST_CONTACT_ALERT,
                WAIT_FOR_FIRST_CONTACT_ALERT.replace("false", "true"));
        assertThat(candidate).isNotEqualTo(shippedPolicy());

        HttpResponse<String> response = dryRun(candidate, "verifications=200");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json.readTree(response.body());
        List<String> affected = new ArrayList<>();
        report.get("affected_verifications").forEach(id -> affected.add(id.asText()));
        // a fire alarm was handed over at intake; its initial step then waits for its contact like any other
        assertThat(affected).contains(motion.toString(), doorForced.toString(), fire.toString());
        JsonNode motionStep = null;
        for (JsonNode step : report.get("changed_steps")) {
            if (step.get("verification_id").asText().equals(motion.toString())) {
                motionStep = step;
            }
        }
        assertThat(motionStep).isNotNull();
        assertThat(motionStep.get("step").asText()).isEqualTo("initial");
        assertThat(motionStep.at("/recorded_advice/alertOperator").asText()).isEqualTo("false");
        assertThat(motionStep.at("/candidate_advice/alertOperator").asText()).isEqualTo("true");
        assertThat(motionStep.get("candidate_rule").asText()).isEqualTo("Rule_WaitForFirstContact");
        assertThat(report.at("/rule_hits/Rule_WaitForFirstContact").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(report.at("/rule_hits/Rule_LifeSafetyAtOnce").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("deployed").asBoolean()).isFalse();
        assertThat(repository.createDecisionDefinitionQuery().count()).isEqualTo(decisionsBefore);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
    }

    @Test
    void theShippedPolicyChangesNothing() throws Exception {
        UUID motion = policyApplied("motion");

        JsonNode report = json.readTree(dryRun(shippedPolicy(), "days=1").body());

        assertThat(report.get("steps_replayed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("steps_changed").asInt()).isZero();
        assertThat(report.get("affected_verifications")).isEmpty();
        assertThat(motion).isNotNull();
    }

    @Test
    void theReportHoldsTheTotalsAndOnePageOfChangedStepsNewestFirst() throws Exception {
        UUID older = policyApplied("motion");
        UUID newer = policyApplied("motion");
        String candidate = shippedPolicy().replace(WAIT_FOR_FIRST_CONTACT_ALERT, WAIT_FOR_FIRST_CONTACT_ALERT.replace("false", "true"));

        JsonNode all = json.readTree(dryRun(candidate, "days=1&size=1000").body());
        JsonNode first = json.readTree(dryRun(candidate, "days=1&size=1").body());
        JsonNode second = json.readTree(dryRun(candidate, "days=1&size=1&page=1").body());

        List<String> newestFirst = new ArrayList<>();
        all.get("changed_steps").forEach(step -> newestFirst.add(step.get("verification_id").asText()));
        assertThat(newestFirst).contains(newer.toString(), older.toString());
        assertThat(newestFirst.indexOf(newer.toString())).isLessThan(newestFirst.indexOf(older.toString()));
        assertThat(all.get("complete").asBoolean()).isTrue();
        assertThat(all.get("steps_changed").asInt()).isEqualTo(newestFirst.size());
        assertThat(all.get("verifications_affected").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(first.at("/page/size").asInt()).isEqualTo(1);
        assertThat(first.get("changed_steps")).hasSize(1);
        assertThat(first.get("steps_changed").asInt()).as("totals count every page").isEqualTo(all.get("steps_changed").asInt());
        assertThat(first.at("/changed_steps/0/verification_id").asText()).isEqualTo(newestFirst.get(0));
        assertThat(second.at("/changed_steps/0/verification_id").asText()).isEqualTo(newestFirst.get(1));
        assertThat(dryRun(candidate, "size=0").statusCode()).isEqualTo(400);
        assertThat(dryRun(candidate, "size=1001").statusCode()).isEqualTo(400);
        assertThat(dryRun(candidate, "page=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void aTableInAnotherLanguageThanFeelIsRefusedNamingTheEntryAndNothingOfItRuns() throws Exception {
        policyApplied("motion");
        String juel = shippedPolicy().replace(WAIT_FOR_FIRST_CONTACT_ALERT, "<outputEntry id=\"LiteralExpression_WaitFirst_Alert\""
                + " expressionLanguage=\"juel\"><text>${''.getClass().forName('java.lang.System').getMethod('getProperties')"
                + ".invoke(null).setProperty('dry-run.escaped', 'yes') == null}</text></outputEntry>");

        assertRefused(juel, "LiteralExpression_WaitFirst_Alert uses the expression language juel; decision tables are FEEL only");
        assertThat(System.getProperty("dry-run.escaped")).isNull();
    }

    @Test
    void theDryRunIsForAnalystsAndSupervisorsWithTheirOwnLoginNotForTheStationOrTheMetricsScraper() throws Exception {
        assertThat(dryRun(shippedPolicy(), "days=1", basic(ANALYST, PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(dryRun(shippedPolicy(), "days=1", basic(SUPERVISOR, PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(dryRun(shippedPolicy(), "days=1", basic("admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(dryRun(shippedPolicy(), "days=1", basic(OPERATOR, PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(dryRun(shippedPolicy(), "days=1", basic(STATION_USER, STATION_PASSWORD)).statusCode()).isEqualTo(401);
        assertThat(dryRun(shippedPolicy(), "days=1", basic(METRICS_USER, METRICS_PASSWORD)).statusCode()).isEqualTo(401);
        assertThat(dryRun(shippedPolicy(), "days=1", basic(ANALYST, "wrong")).statusCode()).isEqualTo(401);
    }

    @Test
    void aBrokenOrIncompatibleCandidateIs400NamingWhy() throws Exception {
        assertRefused("<definitions>not a table", "not a readable DMN");
        assertRefused(shippedPolicy().replace("name=\"handOverToOperator\"", "name=\"handOver\""),
                "no output 'handOverToOperator'");
        assertRefused(shippedPolicy().replace("<text>priority</text>", "<text>siteRisk</text>"),
                "reads 'siteRisk', which the process does not provide");
        assertRefused(shippedPolicy().replace("id=\"escalationPolicy\"", "id=\"somethingElse\""),
                "no decision with id 'escalationPolicy'");
        assertThat(dryRun(shippedPolicy(), "days=1&verifications=3").statusCode()).isEqualTo(400);
    }

    @Test
    void aWrongPartNameIs400NamingThePartToSend() throws Exception {
        HttpResponse<String> response = dryRun("file", shippedPolicy(), "days=7", basic(ANALYST, PASSWORD));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("field").asText()).isEqualTo("dmn");
        assertThat(problem.get("type").asText()).isNotEqualTo("about:blank");
        assertThat(problem.get("detail").asText()).startsWith("The request has no part named dmn: ");
    }

    private void assertRefused(String dmn, String why) throws Exception {
        HttpResponse<String> response = dryRun(dmn, "days=7");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("field").asText()).isEqualTo("dmn");
        assertThat(problem.get("detail").asText()).contains(why);
    }

    /** A fresh verification whose first escalation steps (the policy's "intake" and "initial" answers) are recorded. */
    private UUID policyApplied(String trigger) throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite(trigger);
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode view = verification(alarm.verificationId());
            return view != null && view.get("timeline").findValuesAsText("type").stream()
                    .filter("policy_applied"::equals).count() >= 2;
        });
        return alarm.verificationId();
    }

    private HttpResponse<String> dryRun(String dmn, String query) throws IOException, InterruptedException {
        return dryRun(dmn, query, basic(ANALYST, PASSWORD));
    }

    private HttpResponse<String> dryRun(String dmn, String query, String authorization) throws IOException, InterruptedException {
        return dryRun("dmn", dmn, query, authorization);
    }

    private HttpResponse<String> dryRun(String part, String dmn, String query, String authorization)
            throws IOException, InterruptedException {
        String boundary = "----dryrun" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + part + "\"; filename=\"escalation-policy.dmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n"
                + dmn + "\r\n--" + boundary + "--\r\n";
        return http.send(HttpRequest.newBuilder(uri("/api/policy/dry-run?" + query))
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String shippedPolicy() throws IOException {
        try (InputStream dmn = PolicyDryRunEndToEndTest.class.getClassLoader().getResourceAsStream("escalation-policy.dmn")) {
            return new String(dmn.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
