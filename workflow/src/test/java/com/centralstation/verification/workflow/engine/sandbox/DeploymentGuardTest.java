package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a deployed model may contain: the shipped models pass, code the service did not ship does not. The escape
 * attempts an attacker would make are in {@link EscapeCorpusTest}; here are the rules one by one.
 */
class DeploymentGuardTest {

    private final DeploymentGuard guard = new DeploymentGuard();

    @Test
    void theShippedModelsPass() throws IOException {
        for (String model : List.of("alarm-verification.bpmn", "escalation-policy.dmn", "alarm-class.dmn",
                "alarm-validation.dmn", "operator-review.form", "dispatch-not-taken.form")) {
            assertThat(guard.check(model, shipped(model))).as(model).isEmpty();
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:delegateExpression=\"${environmentReader}\" | Activity_NotifyFirstContact names an unknown delegate ${environmentReader}",
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:class=\"com.example.Steal\" | Activity_NotifyFirstContact names the Java class com.example.Steal",
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:expression=\"${execution.setVariable('s', execution.processEngineServices)}\" | Activity_NotifyFirstContact has an expression that reaches for processEngineServices",
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:expression=\"${execution.getProcessEngineServices().getIdentityService()}\" | reaches for getProcessEngineServices, which no model may use",
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:expression=\"${''.getClass().forName('java.lang.Runtime')}\" | reaches for getClass, which no model may use",
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:expression=\"${execution.getParent()}\" | reaches for execution.getParent; of execution a model may use",
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:expression=\"${escalationTimers[execution.getVariable('name')]}\" | computes the name of what it reads",
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:expression=\"${fn:exit()}\" | calls the function fn:exit()",
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:type=\"shell\" | Activity_NotifyFirstContact is a task of type shell",
            "camunda:delegateExpression=\"${notifyContactDelegate}\" | camunda:expression=\"${execution.getVariable('x'\" | is not valid JUEL",
            "camunda:historyTimeToLive=\"P30D\" | camunda:versionTag=\"v2\" | alarm-verification has no historyTimeToLive",
            "camunda:formRef=\"operator-review\" camunda:formRefBinding=\"deployment\" | camunda:formKey=\"embedded:deployment:steal.html\" | embedded and external forms run their own code",
            "camunda:formRef=\"operator-review\" camunda:formRefBinding=\"deployment\" | camunda:formHandlerClass=\"com.example.Steal\" | Activity_OperatorReview names the Java class com.example.Steal (formHandlerClass)",
    })
    void aProcessThatWouldRunCodeTheServiceDidNotShipIsRefusedNamingTheElement(String shipped, String changed, String reason)
            throws IOException {
        String bpmn = new String(shipped("alarm-verification.bpmn"), StandardCharsets.UTF_8);
        assertThat(bpmn).contains(shipped);

        List<Problem> problems = guard.check("changed.bpmn", bpmn.replaceFirst(Pattern.quote(shipped),
                Matcher.quoteReplacement(changed)).getBytes(StandardCharsets.UTF_8));

        assertThat(problems).extracting(Problem::getMessage).anySatisfy(message -> assertThat(message).contains(reason));
    }

    @Test
    void theShippedExpressionsReachOnlyWhatTheSandboxAllows() throws IOException {
        String bpmn = new String(shipped("alarm-verification.bpmn"), StandardCharsets.UTF_8);

        assertThat(bpmn).contains("${execution.setVariable(&#34;operatorReviewing&#34;, true)}",
                "${decisionResult.getSingleResult().notifyNextContact}", "${escalationTimers.first}",
                "${classJobPriority + (action == 'dispatch' ? 310 : 300)}");
        assertThat(guard.check("alarm-verification.bpmn", shipped("alarm-verification.bpmn"))).isEmpty();
    }

    @Test
    void aScriptTaskIsRefused() throws IOException {
        String bpmn = new String(shipped("alarm-verification.bpmn"), StandardCharsets.UTF_8).replace(
                        "<bpmn:serviceTask id=\"Activity_CloseUnverified\" name=\"Close as not verified\" camunda:delegateExpression=\"${closeUnverifiedDelegate}\">",
                        "<bpmn:scriptTask id=\"Activity_CloseUnverified\" name=\"Close as not verified\" scriptFormat=\"groovy\">")
                .replace("<bpmn:outgoing>Flow_ToClosedUnverified</bpmn:outgoing>\n    </bpmn:serviceTask>",
                        "<bpmn:outgoing>Flow_ToClosedUnverified</bpmn:outgoing>\n<bpmn:script>'id'.execute()</bpmn:script></bpmn:scriptTask>");

        assertThat(guard.check("script.bpmn", bpmn.getBytes(StandardCharsets.UTF_8))).extracting(Problem::getMessage)
                .contains("Activity_CloseUnverified embeds a script; scripts are not run by this service");
    }

    @Test
    void aFieldInjectedIntoADelegateIsRefused() throws IOException {
        String bpmn = new String(shipped("alarm-verification.bpmn"), StandardCharsets.UTF_8).replace(
                "<bpmn:incoming>Flow_ToCloseUnverified</bpmn:incoming>",
                "<bpmn:extensionElements><camunda:field name=\"publicBaseUrl\" stringValue=\"https://attacker.example\" />"
                        + "</bpmn:extensionElements><bpmn:incoming>Flow_ToCloseUnverified</bpmn:incoming>");

        assertThat(guard.check("field.bpmn", bpmn.getBytes(StandardCharsets.UTF_8))).extracting(Problem::getMessage)
                .contains("Activity_CloseUnverified injects the field publicBaseUrl into a delegate; the service configures"
                        + " its delegates, models do not");
    }

    @Test
    void aDecisionOtherThanFeelOrWithoutHistoryTimeToLiveIsRefused() throws IOException {
        String dmn = new String(shipped("escalation-policy.dmn"), StandardCharsets.UTF_8);

        assertThat(guard.check("policy.dmn", dmn.replace(" camunda:historyTimeToLive=\"P30D\"", "")
                .getBytes(StandardCharsets.UTF_8))).extracting(Problem::getMessage)
                .containsExactly("escalationPolicy has no historyTimeToLive (set it in Modeler: decision, History cleanup, e.g. P30D)");
        assertThat(guard.check("policy.dmn", dmn.replace("<inputExpression id=\"InputExpression_Trigger\" typeRef=\"string\">",
                "<inputExpression id=\"InputExpression_Trigger\" typeRef=\"string\" expressionLanguage=\"javascript\">")
                .getBytes(StandardCharsets.UTF_8))).extracting(Problem::getMessage)
                .containsExactly("InputExpression_Trigger uses the expression language javascript; decision tables are FEEL only");
        assertThat(guard.check("policy.dmn", dmn.replaceFirst("<definitions ", "<definitions expressionLanguage=\"juel\" ")
                .getBytes(StandardCharsets.UTF_8))).extracting(Problem::getMessage).singleElement().asString()
                .endsWith("uses the expression language juel; decision tables are FEEL only");
    }

    @Test
    void aResourceThatIsNoModelIsRefusedWithTheParsersPosition() {
        assertThat(guard.check("broken.bpmn", ("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"\n"
                + " targetNamespace=\"t\">\n<bpmn:process id=\"p\">\n</bpmn:definitions>").getBytes(StandardCharsets.UTF_8)))
                .extracting(Problem::getMessage).singleElement().asString()
                .startsWith("is not well-formed XML (line 4): The element type \"bpmn:process\" must be terminated");
        assertThat(guard.check("invalid.bpmn", ("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"
                + "</bpmn:definitions>").getBytes(StandardCharsets.UTF_8)))
                .extracting(Problem::getMessage).singleElement().asString()
                .startsWith("is not a valid BPMN file (line 1): cvc-complex-type.4: Attribute 'targetNamespace' must appear");
    }

    @Test
    void onlyModelsAndFormsMayBeDeployed() {
        assertThat(guard.check("steal.html", "<script>fetch('/engine-rest/user/create')</script>".getBytes(StandardCharsets.UTF_8)))
                .extracting(Problem::getMessage)
                .containsExactly("only BPMN (.bpmn), DMN (.dmn) and Camunda Forms (.form) files may be deployed");
    }

    static byte[] shipped(String model) throws IOException {
        try (InputStream in = DeploymentGuardTest.class.getClassLoader().getResourceAsStream(model)) {
            return in.readAllBytes();
        }
    }
}
