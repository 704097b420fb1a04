package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The escape attempts of {@link EscapeAttempt}, three ways: each one works on Camunda as it comes (so the attempt
 * is real), the deployment guard refuses it naming the element (on its own and as the engine's pre-deployer), and
 * deployed past the guard into an engine with the service's sandbox it fails when it runs, without its effect.
 */
class EscapeCorpusTest {

    private static ProcessEngine sandboxed;
    private static ProcessEngine guarded;
    private static ProcessEngine asItComes;

    private final DeploymentGuard guard = new DeploymentGuard();

    @BeforeAll
    static void engines() {
        sandboxed = SandboxTestEngines.engine("escape-sandboxed", Map.of(), List.of(new ModelSandbox(new HashMap<>())));
        asItComes = SandboxTestEngines.engine("escape-as-it-comes", Map.of("unlistedProbe", new EscapeProbe()), List.of());
        guarded = SandboxTestEngines.engine("escape-guarded", Map.of("unlistedProbe", new EscapeProbe()),
                List.of(new DeploymentGuard(), new ModelSandbox(new HashMap<>())));
    }

    @AfterAll
    static void close() {
        sandboxed.close();
        guarded.close();
        asItComes.close();
    }

    @AfterEach
    void undoWhatGotThrough() {
        for (Effect effect : Effect.values()) {
            effect.undo(sandboxed);
            effect.undo(guarded);
            effect.undo(asItComes);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EscapeAttempt.class)
    void isRefusedAtDeploymentNamingTheElement(EscapeAttempt attempt) {
        String model = attempt.isDecision() ? EscapeAttempt.DECISION : EscapeAttempt.PROCESS;

        List<Problem> problems = guard.check(model, attempt.resources.get(model).getBytes(StandardCharsets.UTF_8));

        assertThat(problems).extracting(Problem::getMessage).isNotEmpty()
                .allSatisfy(message -> assertThat(message).startsWith(attempt.namedElement + " "));
        assertThat(problems).extracting(Problem::getMainElementId).contains(attempt.namedElement);
    }

    /**
     * The way the engine REST API meets it: the guard is the engine's pre-deployer, its refusal the
     * {@link ParseException} the REST API answers with 400 and its problems, naming the element; nothing is deployed.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(EscapeAttempt.class)
    void isRefusedByAnEngineWithTheGuardAndNothingIsDeployed(EscapeAttempt attempt) {
        assertThatThrownBy(() -> run(guarded, attempt)).isInstanceOfSatisfying(ParseException.class, refusal ->
                assertThat(refusal.getResorceReports()).flatExtracting(ResourceReport::getErrors)
                        .extracting(Problem::getMainElementId).contains(attempt.namedElement));

        assertThat(guarded.getRepositoryService().createDeploymentQuery().deploymentName(attempt.name()).count()).isZero();
        for (Effect effect : EnumSet.allOf(Effect.class)) {
            assertThat(effect.happened(guarded)).as(effect.name()).isFalse();
        }
    }

    /** Java 17 has no JavaScript engine, and Camunda's FEEL engine keeps external functions off: see the tests below. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = EscapeAttempt.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"JAVASCRIPT_DECISION_ENTRY", "FEEL_EXTERNAL_FUNCTION"})
    void getsThroughOnCamundaAsItComes(EscapeAttempt attempt) {
        run(asItComes, attempt);

        assertThat(attempt.effect.happened(asItComes)).as("the attempt is real").isTrue();
    }

    @Test
    void aFeelExternalFunctionGetsThroughWhereExternalFunctionsAreOn() {
        FeelEngineBuilder.forJava().withEnabledExternalFunctions(true).build()
                .evaluateExpression(EscapeAttempt.FeelEscape.EXPRESSION, Map.of());

        assertThat(Effect.SYSTEM_PROPERTY.happened(asItComes)).as("the attempt is real").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EscapeAttempt.class)
    void deployedPastTheGuardFailsInTheSandboxWithoutEffect(EscapeAttempt attempt) {
        assertThatThrownBy(() -> run(sandboxed, attempt)).hasStackTraceContaining(attempt.runTimeRefusal);

        for (Effect effect : EnumSet.allOf(Effect.class)) {
            assertThat(effect.happened(sandboxed)).as(effect.name()).isFalse();
        }
    }

    private static void run(ProcessEngine engine, EscapeAttempt attempt) {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name(attempt.name());
        attempt.resources.forEach(deployment::addString);
        deployment.deploy();
        if (attempt.isDecision()) {
            engine.getDecisionService().evaluateDecisionByKey("escape").evaluate();
        } else {
            engine.getRuntimeService().startProcessInstanceByKey("escape");
        }
    }
}
