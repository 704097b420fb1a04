package com.centralstation.verification.workflow.engine.sandbox;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.Problem;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A forbidden access (the engine's services from {@code execution}, a class object from any value), written in
 * random disguises an attacker would try: bracket or dot or getter, quotes, spacing, parentheses and choices
 * around {@code execution}, {@code task.execution}, a computed name, {@code #{}} for {@code ${}}, text around the
 * expression, and in the XML character references, comments and CDATA sections splitting it anywhere. However it is
 * written, the guard refuses it naming the element, and the sandbox refuses it when it runs.
 */
class ObfuscatedEscapesTest {

    private static final String PAYLOAD = ".identityService.createMembership('mallory', 'camunda-admin')";

    private static ProcessEngine sandboxed;

    private final DeploymentGuard guard = new DeploymentGuard();

    @BeforeContainer
    static void engine() {
        sandboxed = SandboxTestEngines.engine("obfuscated-escapes", Map.of(), List.of(new ModelSandbox(new HashMap<>())));
    }

    @AfterContainer
    static void close() {
        sandboxed.close();
    }

    @Property(tries = 300)
    void theGuardRefusesAForbiddenAccessHoweverItIsWritten(@ForAll("disguisedModels") String model) {
        List<Problem> problems = guard.check("disguised.bpmn", model.getBytes(StandardCharsets.UTF_8));

        assertThat(problems).extracting(Problem::getMessage).isNotEmpty()
                .allSatisfy(message -> assertThat(message).startsWith("Activity_Escape "));
    }

    /** An execution listener has no {@code task}: the disguises through a task are for the guard only. */
    @Property(tries = 40)
    void theSandboxRefusesItWhenItRunsPastTheGuard(@ForAll("disguisedModelsOfAnExecution") String model) {
        sandboxed.getRepositoryService().createDeployment().addString("disguised.bpmn", model).deploy();

        assertThatThrownBy(() -> sandboxed.getRuntimeService().startProcessInstanceByKey("escape"))
                .hasStackTraceContaining("refused by the model sandbox");
        assertThat(Effect.CAMUNDA_ADMIN.happened(sandboxed)).isFalse();
        assertThat(Effect.SYSTEM_PROPERTY.happened(sandboxed)).isFalse();
    }

    @Provide
    Arbitrary<String> disguisedModels() {
        return disguised(Arbitraries.oneOf(executions(), Arbitraries.of("task.execution", "task['execution']",
                "task.getExecution()", "(task).execution")));
    }

    @Provide
    Arbitrary<String> disguisedModelsOfAnExecution() {
        return disguised(executions());
    }

    private static Arbitrary<String> disguised(Arbitrary<String> executions) {
        Arbitrary<String> engineServices = Combinators.combine(executions, member("processEngineServices"), spaces())
                .as((execution, member, space) -> execution + space + member + space + PAYLOAD);
        Arbitrary<String> classObject = Combinators.combine(values(), member("class"), spaces())
                .as((value, member, space) -> value + space + member + ".forName('java.lang.System').getMethod('getProperties')"
                        + ".invoke(null).setProperty('sandbox.escaped', 'yes')");
        Arbitrary<String> access = Arbitraries.oneOf(engineServices, classObject);
        Arbitrary<String> expression = Combinators.combine(Arbitraries.of("${", "#{", "${ "), access,
                        Arbitraries.of("", "text before ", "a ${1} "))
                // one expression may not mix ${ and #{
                .as((open, body, before) -> before.replace("${", open) + open + body + "}");
        return Arbitraries.oneOf(
                Combinators.combine(expression, Arbitraries.integers().between(0, 999).list().ofMaxSize(6))
                        .as(ObfuscatedEscapesTest::inAttribute),
                Combinators.combine(expression, Arbitraries.integers().between(0, 999).list().ofMaxSize(6),
                        Arbitraries.of(Split.values())).as(ObfuscatedEscapesTest::inText));
    }

    /** Where the engine's execution hides. */
    private static Arbitrary<String> executions() {
        return Arbitraries.of("execution", "(execution)", "((execution))", "(true ? execution : null)",
                "(empty execution.id ? execution : execution)", "( execution )", "execution ");
    }

    /** Values whose class is one step away. */
    private static Arbitrary<String> values() {
        return Arbitraries.of("''", "'x'", "\"text\"", "execution.id", "(1 + 1)", "execution.processDefinitionId");
    }

    /** One member, written as a property, a bracket with either quote, a getter, or a name it computes. */
    private static Arbitrary<String> member(String property) {
        String getter = "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
        int half = property.length() / 2;
        return Arbitraries.of("." + property, "['" + property + "']", "[\"" + property + "\"]", "[ '" + property + "' ]",
                "." + getter + "()", "['" + getter + "']()", "." + getter + " ( )",
                "['" + property.substring(0, half) + "'.concat('" + property.substring(half) + "')]",
                "[('" + property + "')]");
    }

    private static Arbitrary<String> spaces() {
        return Arbitraries.of("", " ", "\t", "\n  ");
    }

    /** As a listener's expression attribute, some characters written as character references. */
    private static String inAttribute(String expression, List<Integer> references) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            int index = i;
            boolean reference = references.stream().anyMatch(r -> r % expression.length() == index);
            escaped.append(reference || c == '"' || c == '<' || c == '&' || c == '\n' || c == '\t' ? "&#" + (int) c + ";" : String.valueOf(c));
        }
        return EscapeAttempt.process("<bpmn:task id=\"Activity_Escape\"><bpmn:extensionElements>"
                + "<camunda:executionListener event=\"start\" expression=\"" + escaped + "\" />"
                + "</bpmn:extensionElements><bpmn:incoming>Flow_In</bpmn:incoming><bpmn:outgoing>Flow_Out</bpmn:outgoing>"
                + "</bpmn:task>").get(EscapeAttempt.PROCESS);
    }

    /** How an input parameter's text is cut where the XML parser joins it again. */
    enum Split { COMMENTS, CDATA_SECTIONS, BOTH }

    /** As an input parameter's text, cut at random places by comments or CDATA sections. */
    private static String inText(String expression, List<Integer> cuts, Split split) {
        List<Integer> at = cuts.stream().map(cut -> cut % (expression.length() + 1)).distinct().sorted().toList();
        StringBuilder text = new StringBuilder();
        int from = 0;
        int piece = 0;
        for (int cut : at) {
            text.append(piece(expression.substring(from, cut), split, piece++));
            from = cut;
        }
        text.append(piece(expression.substring(from), split, piece));
        return EscapeAttempt.process("<bpmn:task id=\"Activity_Escape\"><bpmn:extensionElements><camunda:inputOutput>"
                + "<camunda:inputParameter name=\"escape\">" + text + "</camunda:inputParameter>"
                + "</camunda:inputOutput></bpmn:extensionElements><bpmn:incoming>Flow_In</bpmn:incoming>"
                + "<bpmn:outgoing>Flow_Out</bpmn:outgoing></bpmn:task>").get(EscapeAttempt.PROCESS);
    }

    private static String piece(String part, Split split, int index) {
        boolean cdata = split == Split.CDATA_SECTIONS || (split == Split.BOTH && index % 2 == 1);
        String body = cdata ? "<![CDATA[" + part + "]]>" : part.replace("&", "&amp;").replace("<", "&lt;");
        return split == Split.CDATA_SECTIONS ? body : body + "<!-- " + index + " -->";
    }
}
