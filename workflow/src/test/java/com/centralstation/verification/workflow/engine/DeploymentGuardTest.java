package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a deployed model may contain: the shipped models pass, code the service did not ship does not. */
class DeploymentGuardTest {

    private final DeploymentGuard guard = new DeploymentGuard();

    @Test
    void theShippedModelsPass() throws IOException {
        for (String model : List.of("alarm-verification.bpmn", "escalation-policy.dmn", "operator-review.form")) {
            assertThat(guard.check(model, shipped(model))).as(model).isEmpty();
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "delegateExpression=\"${notifyContactDelegate}\" | delegateExpression=\"${environmentReader}\" | Activity_NotifyFirstContact names an unknown delegate ${environmentReader}",
            "delegateExpression=\"${notifyContactDelegate}\" | class=\"com.example.Steal\" | Activity_NotifyFirstContact names the Java class com.example.Steal",
            "delegateExpression=\"${notifyContactDelegate}\" | expression=\"${execution.setVariable('s', environment.getProperty('chekt.client-secret'))}\" | 'environment' in",
            "delegateExpression=\"${notifyContactDelegate}\" | expression=\"${execution.getProcessEngineServices().getIdentityService()}\" | reaches beyond",
            "delegateExpression=\"${notifyContactDelegate}\" | expression=\"${''.getClass().forName('java.lang.Runtime')}\" | reaches beyond",
            "camunda:historyTimeToLive=\"P30D\" | camunda:versionTag=\"v2\" | alarm-verification has no historyTimeToLive",
            "camunda:formRef=\"operator-review\" camunda:formRefBinding=\"deployment\" | camunda:formKey=\"embedded:deployment:steal.html\" | embedded and external forms run their own code",
    })
    void aProcessThatWouldRunCodeTheServiceDidNotShipIsRefusedNamingTheElement(String shipped, String changed, String reason)
            throws IOException {
        String bpmn = new String(shipped("alarm-verification.bpmn"), StandardCharsets.UTF_8);
        assertThat(bpmn).contains(shipped);

        List<Problem> problems = guard.check("changed.bpmn", bpmn.replaceFirst(java.util.regex.Pattern.quote(shipped),
                java.util.regex.Matcher.quoteReplacement(changed)).getBytes(StandardCharsets.UTF_8));

        assertThat(problems).extracting(Problem::getMessage).anySatisfy(message -> assertThat(message).contains(reason));
    }

    @Test
    void aScriptTaskIsRefused() throws IOException {
        String bpmn = new String(shipped("alarm-verification.bpmn"), StandardCharsets.UTF_8).replace(
                "<bpmn:serviceTask id=\"Activity_CloseUnverified\" name=\"Close as not verified\" camunda:delegateExpression=\"${closeUnverifiedDelegate}\">",
                "<bpmn:scriptTask id=\"Activity_CloseUnverified\" name=\"Close as not verified\" scriptFormat=\"groovy\">"
                        + "<bpmn:script>'id'.execute()</bpmn:script>")
                .replace("</bpmn:serviceTask>\n    <bpmn:sequenceFlow id=\"Flow_ToClosedUnverified\"",
                        "</bpmn:scriptTask>\n    <bpmn:sequenceFlow id=\"Flow_ToClosedUnverified\"");

        assertThat(guard.check("script.bpmn", bpmn.getBytes(StandardCharsets.UTF_8))).extracting(Problem::getMessage)
                .contains("Activity_CloseUnverified embeds a script; scripts are not run by this service");
    }

    @Test
    void aDecisionWithAScriptOrWithoutHistoryTimeToLiveIsRefused() throws IOException {
        String dmn = new String(shipped("escalation-policy.dmn"), StandardCharsets.UTF_8);

        assertThat(guard.check("policy.dmn", dmn.replace(" camunda:historyTimeToLive=\"P30D\"", "")
                .getBytes(StandardCharsets.UTF_8))).extracting(Problem::getMessage)
                .containsExactly("escalationPolicy has no historyTimeToLive (set it in Modeler: decision, History cleanup, e.g. P30D)");
        assertThat(guard.check("policy.dmn", dmn.replace("<inputExpression id=\"InputExpression_Trigger\" typeRef=\"string\">",
                "<inputExpression id=\"InputExpression_Trigger\" typeRef=\"string\" expressionLanguage=\"javascript\">")
                .getBytes(StandardCharsets.UTF_8))).extracting(Problem::getMessage)
                .containsExactly("InputExpression_Trigger uses the expression language javascript; only FEEL and JUEL are allowed");
    }

    @Test
    void onlyModelsAndFormsMayBeDeployed() {
        assertThat(guard.check("steal.html", "<script>fetch('/engine-rest/user/create')</script>".getBytes(StandardCharsets.UTF_8)))
                .extracting(Problem::getMessage)
                .containsExactly("only BPMN (.bpmn), DMN (.dmn) and Camunda Forms (.form) files may be deployed");
    }

    private static byte[] shipped(String model) throws IOException {
        try (InputStream in = DeploymentGuardTest.class.getClassLoader().getResourceAsStream(model)) {
            return in.readAllBytes();
        }
    }
}
