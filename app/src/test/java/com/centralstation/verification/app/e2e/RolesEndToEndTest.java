package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each role over real HTTP against {@code /engine-rest}, as Tasklist, Cockpit and Camunda Modeler call it, with
 * Camunda authorization on: operators work tasks and nothing else, analysts deploy and read but touch no task and
 * no user, supervisors retry incidents. Deployments that would run code the service did not ship are refused.
 */
class RolesEndToEndTest extends ServiceTest {

    private static final String PASSWORD = "role-test-password";
    private static final String OPERATOR = "olivia";
    private static final String ANALYST = "arthur";
    private static final String SUPERVISOR = "sofia";

    @Autowired
    IdentityService identity;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    ProcessEngineConfiguration engineConfiguration;

    /** Users are made as an administrator would in Admin; the groups are the service's own, seeded at start-up. */
    @BeforeEach
    void usersInEachRole() {
        user(OPERATOR, "operators");
        user(ANALYST, "analysts");
        user(SUPERVISOR, "supervisors");
    }

    @Test
    void authorizationIsOnAndTheFourGroupsExist() {
        assertThat(engineConfiguration.isAuthorizationEnabled()).isTrue();
        assertThat(identity.createGroupQuery().groupIdIn("camunda-admin", "supervisors", "operators", "analysts").count())
                .isEqualTo(4);
        assertThat(identity.createUserQuery().userId("admin").memberOfGroup("camunda-admin").count()).isEqualTo(1);
    }

    @Test
    void anOperatorListsClaimsAndCompletesATaskButMayNotCreateUsersDeployOrChangeInstances() throws Exception {
        TestAlarm fire = TestAlarm.onContractSite("fire");
        assertThat(deliverWebhook(fire.body()).statusCode()).isEqualTo(202);
        Task review = operatorReview(fire.verificationId());

        HttpResponse<String> listed = engineRest(OPERATOR, "GET", "/task?processInstanceBusinessKey=" + fire.verificationId(), null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(listed.body()).findValuesAsText("id")).containsExactly(review.getId());
        HttpResponse<String> form = engineRest(OPERATOR, "GET", "/task/" + review.getId() + "/form-variables", null);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("callListSummary");

        assertThat(engineRest(OPERATOR, "POST", "/task/" + review.getId() + "/claim", "{\"userId\":\"" + OPERATOR + "\"}")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> completed = engineRest(OPERATOR, "POST", "/task/" + review.getId() + "/complete",
                "{\"variables\":{\"operatorOutcome\":{\"value\":\"dispatch\"},\"operatorContactId\":{\"value\":67890,\"type\":\"Long\"}}}");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(fire.verificationId()).get("state").asText()).isEqualTo("submitted"));
        assertThat(verification(fire.verificationId()).at("/decision/source").asText()).isEqualTo("operator");

        assertThat(engineRest(OPERATOR, "POST", "/user/create",
                "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x\"}}").statusCode()).isEqualTo(403);
        assertThat(identity.createUserQuery().userId("mallory").count()).isZero();
        assertThat(deploy(OPERATOR, "escalation-policy.dmn", policy()).statusCode()).isEqualTo(403);

        TestAlarm motion = TestAlarm.onContractSite("motion");
        assertThat(deliverWebhook(motion.body()).statusCode()).isEqualTo(202);
        String instance = instanceOf(motion.verificationId());
        assertThat(engineRest(OPERATOR, "DELETE", "/process-instance/" + instance, null).statusCode()).isEqualTo(403);
        assertThat(engineRest(OPERATOR, "POST", "/process-instance/" + instance + "/modification",
                "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Activity_OperatorReview\"}]}").statusCode())
                .isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void anAnalystDeploysAChangedPolicyThatANewAlarmFollowsButSeesNoTaskAndMayNotAdministerUsers() throws Exception {
        // The analyst's change: high alarms go to an operator at intake, like life-safety ones.
        String changed = policy().replace("<inputEntry id=\"UnaryTests_LifeSafety_AlarmClass\"><text>\"life-safety\"</text>",
                "<inputEntry id=\"UnaryTests_LifeSafety_AlarmClass\"><text>\"life-safety\",\"high\"</text>");
        assertThat(changed).as("the shipped policy's life-safety rule").isNotEqualTo(policy());
        HttpResponse<String> deployed = deploy(ANALYST, "escalation-policy.dmn", changed);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        String deploymentId = json.readTree(deployed.body()).get("id").asText();
        try {
            DecisionDefinition policy = repository.createDecisionDefinitionQuery().deploymentId(deploymentId).singleResult();

            TestAlarm motion = TestAlarm.onContractSite("motion");
            assertThat(deliverWebhook(motion.body()).statusCode()).isEqualTo(202);
            Task review = operatorReview(motion.verificationId());
            JsonNode handedOver = timelineEvent(motion.verificationId(), "handed_over_to_operator");
            assertThat(handedOver.at("/details/policyVersion").asText()).isEqualTo(String.valueOf(policy.getVersion()));
            assertThat(handedOver.at("/details/policyDefinitionId").asText()).isEqualTo(policy.getId());

            HttpResponse<String> listed = engineRest(ANALYST, "GET", "/task", null);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(json.readTree(listed.body())).isEmpty();
            assertThat(engineRest(ANALYST, "POST", "/task/" + review.getId() + "/claim", "{\"userId\":\"" + ANALYST + "\"}")
                    .statusCode()).isEqualTo(403);
            assertThat(engineRest(ANALYST, "POST", "/task/" + review.getId() + "/complete",
                    "{\"variables\":{\"operatorOutcome\":{\"value\":\"close-unverified\"}}}").statusCode()).isEqualTo(403);
            assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isNull();
            assertThat(engineRest(ANALYST, "POST", "/user/create",
                    "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x\"}}").statusCode()).isEqualTo(403);
            assertThat(engineRest(ANALYST, "POST", "/group/create", "{\"id\":\"analystsToo\"}").statusCode()).isEqualTo(403);
            assertThat(engineRest(ANALYST, "PUT", "/group/camunda-admin/members/" + ANALYST, null).statusCode()).isEqualTo(403);
            assertThat(identity.createUserQuery().userId(ANALYST).memberOfGroup("camunda-admin").count()).isZero();
            runtime.deleteProcessInstance(instanceOf(motion.verificationId()), "test over");
        } finally {
            repository.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void aSupervisorRetriesAnIncidentThatAnOperatorAndAnAnalystMayNotTouch() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        CHEKT.stubFor(patch(urlEqualTo(alarm.patchPath())).willReturn(aResponse().withStatus(503)));
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);
        assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"dispatch\"}").statusCode()).isEqualTo(202);
        String instance = instanceOf(alarm.verificationId());
        Job failed = await().atMost(Duration.ofSeconds(30)).until(() ->
                management.createJobQuery().processInstanceId(instance).withException().singleResult(), Objects::nonNull);
        management.setJobRetries(failed.getId(), 0);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isEqualTo(1);
        CHEKT.stubFor(patch(urlEqualTo(alarm.patchPath())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":1}")));

        for (String refused : new String[] {OPERATOR, ANALYST}) {
            assertThat(engineRest(refused, "PUT", "/job/" + failed.getId() + "/retries", "{\"retries\":1}").statusCode())
                    .as(refused).isEqualTo(403);
        }
        HttpResponse<String> incidents = engineRest(SUPERVISOR, "GET", "/incident?processInstanceId=" + instance, null);
        assertThat(json.readTree(incidents.body()).findValuesAsText("configuration")).containsExactly(failed.getId());
        HttpResponse<String> retried = engineRest(SUPERVISOR, "PUT", "/job/" + failed.getId() + "/retries", "{\"retries\":1}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        advanceClock(Duration.ofMinutes(6));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void aModelReachingTheEngineOrRunningAScriptIsRefusedWithModelersMessageAndNothingChanges() throws Exception {
        long deployments = repository.createDeploymentQuery().count();
        String process = process("${execution['processEngineServices'].identityService.createMembership('analyst', 'camunda-admin')}");

        HttpResponse<String> engine = deploy(ANALYST, "steal.bpmn", process);
        assertThat(engine.statusCode()).isEqualTo(400);
        assertThat(json.readTree(engine.body()).get("type").asText()).isEqualTo("ParseException");
        assertThat(json.readTree(engine.body()).get("message").asText())
                .contains("Deployment refused: steal.bpmn", "Task_Probe has an expression that reaches for processEngineServices");

        HttpResponse<String> script = deploy(ANALYST, "script.bpmn", process.replace(
                "<bpmn:serviceTask id=\"Task_Probe\" camunda:expression=\"${execution['processEngineServices'].identityService.createMembership('analyst', 'camunda-admin')}\" />",
                "<bpmn:scriptTask id=\"Task_Probe\" scriptFormat=\"javascript\"><bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>"));
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(json.readTree(script.body()).get("message").asText()).contains("Task_Probe embeds a script");

        HttpResponse<String> unknownDelegate = deploy(ANALYST, "unknown.bpmn", process.replace(
                "camunda:expression=\"${execution['processEngineServices'].identityService.createMembership('analyst', 'camunda-admin')}\"",
                "camunda:delegateExpression=\"${verificationRepository}\""));
        assertThat(unknownDelegate.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknownDelegate.body()).get("message").asText())
                .contains("Task_Probe names an unknown delegate ${verificationRepository}");

        HttpResponse<String> brokenXml = deploy(ANALYST, "broken.bpmn", process.substring(0, process.length() / 2));
        assertThat(brokenXml.statusCode()).as(brokenXml.body()).isEqualTo(400);
        assertThat(json.readTree(brokenXml.body()).get("message").asText())
                .contains("broken.bpmn: is not well-formed XML (line");

        HttpResponse<String> noHistoryTimeToLive = deploy(ANALYST, "forever.bpmn",
                process("${true}").replace(" camunda:historyTimeToLive=\"P1D\"", ""));
        assertThat(noHistoryTimeToLive.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noHistoryTimeToLive.body()).get("message").asText()).contains("historyTimeToLive");

        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("probe").count()).isZero();
    }

    @Test
    void anEscapeSplitByAnXmlCommentIsRefusedThroughTheEngineRestApiNamingTheElement() throws Exception {
        String split = process("${true}").replace("<bpmn:serviceTask id=\"Task_Probe\" camunda:expression=\"${true}\" />",
                "<bpmn:task id=\"Task_Probe\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\">"
                        + "${execution.processEngin<!-- -->eServices.identityService.createMembership('analyst', 'camunda-admin')}"
                        + "</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>");

        HttpResponse<String> refused = deploy(ANALYST, "split.bpmn", split);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("message").asText())
                .contains("split.bpmn", "Task_Probe has an expression that reaches for processEngineServices");
        assertThat(identity.createUserQuery().userId(ANALYST).memberOfGroup("camunda-admin").count()).isZero();
    }

    @Test
    void anExpressionCannotReachTheServicesEnvironmentEvenPastTheGuard() {
        String deploymentId = repository.createDeployment().addString("probe.bpmn",
                process("${execution.setVariable('leak', environment.getProperty('chekt.client-secret'))}")).deploy().getId();
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> runtime.startProcessInstanceByKey("probe")))
                    .hasMessageContaining("Cannot resolve identifier 'environment'");
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("probe").count()).isZero();
        } finally {
            repository.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void anExpressionCannotReachABeanTheModelsDoNotUse() {
        // Deployed by the service itself (so no guard word stops it): the engine still cannot resolve the bean.
        String deploymentId = repository.createDeployment().addString("probe.bpmn",
                process("${execution.setVariable('leak', chektProperties.clientSecret)}")).deploy().getId();
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> runtime.startProcessInstanceByKey("probe")))
                    .hasMessageContaining("Cannot resolve identifier 'chektProperties'");
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("probe").count()).isZero();
        } finally {
            repository.deleteDeployment(deploymentId, true);
        }
    }

    private void user(String id, String group) {
        camundaUser(id, PASSWORD, group);
    }

    private Task operatorReview(UUID verificationId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(verificationId.toString()).taskNameLike("% · Operator review").singleResult(), Objects::nonNull);
    }

    private String instanceOf(UUID verificationId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(verificationId.toString()).singleResult(), Objects::nonNull).getId();
    }

    private JsonNode timelineEvent(UUID verificationId, String type) throws Exception {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode event : verification(verificationId).get("timeline")) {
                if (event.get("type").asText().equals(type)) {
                    return event;
                }
            }
            return null;
        }, Objects::nonNull);
    }

    private HttpResponse<String> engineRest(String user, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/engine-rest" + path)).header("Authorization", basic(user));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /engine-rest/deployment/create} as multipart form data, the request Camunda Modeler sends. */
    private HttpResponse<String> deploy(String user, String fileName, String content) throws IOException, InterruptedException {
        String boundary = "----modeler" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        Map<String, String> fields = Map.of("deployment-name", "analyst change", "deployment-source", "Camunda Modeler");
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(fileName).append("\"; filename=\"").append(fileName)
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n").append(content).append("\r\n")
                .append("--").append(boundary).append("--\r\n");
        return http.send(HttpRequest.newBuilder(uri("/engine-rest/deployment/create"))
                .header("Authorization", basic(user)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        String password = user.equals("admin") ? ADMIN_PASSWORD : PASSWORD;
        return BasicAuth.header(user, password);
    }

    private static String policy() throws IOException {
        try (InputStream in = RolesEndToEndTest.class.getClassLoader().getResourceAsStream("escalation-policy.dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A one-task process "probe" whose service task evaluates the expression. */
    private static String process(String expression) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Probe"
                                  targetNamespace="http://example.com/probe">
                  <bpmn:process id="probe" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Start" />
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Probe" />
                    <bpmn:serviceTask id="Task_Probe" camunda:expression="EXPRESSION" />
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Probe" targetRef="End" />
                    <bpmn:endEvent id="End" />
                  </bpmn:process>
                </bpmn:definitions>
                """.replace("EXPRESSION", expression);
    }
}
