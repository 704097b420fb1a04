package com.centralstation.verification.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RepositoryService;
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

    @Autowired
    RepositoryService repository;

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
        HttpResponse<String> response = dryRun("file", shippedPolicy(), "days=7");

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

    /** A fresh verification whose first escalation step (the policy's "initial" answer) is recorded. */
    private UUID policyApplied(String trigger) throws Exception {
        Alarms.Alarm alarm = Alarms.fresh(trigger);
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode view = verification(alarm.verificationId());
            return view != null && view.get("timeline").findValuesAsText("type").contains("policy_applied");
        });
        return alarm.verificationId();
    }

    private HttpResponse<String> dryRun(String dmn, String query) throws IOException, InterruptedException {
        return dryRun("dmn", dmn, query);
    }

    private HttpResponse<String> dryRun(String part, String dmn, String query) throws IOException, InterruptedException {
        String boundary = "----dryrun" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + part + "\"; filename=\"escalation-policy.dmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n"
                + dmn + "\r\n--" + boundary + "--\r\n";
        return http.send(station(HttpRequest.newBuilder(uri("/api/policy/dry-run?" + query)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String shippedPolicy() throws IOException {
        try (InputStream dmn = PolicyDryRunEndToEndTest.class.getClassLoader().getResourceAsStream("escalation-policy.dmn")) {
            return new String(dmn.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
