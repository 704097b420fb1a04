package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Models run in a sandbox, whatever got them deployed: the run-time half of the protection whose deploy-time
 * half is the {@link DeploymentGuard}.
 * <ul>
 *   <li>Expressions resolve process variables, the given beans and plain values, and call nothing outside
 *       {@link ModelReach} ({@link SandboxedExpressions}).</li>
 *   <li>No script engine resolves, for any language (script tasks, listeners, conditions, mappings, decision
 *       entries).</li>
 *   <li>No class a model names is built ({@code camunda:class}, listener {@code class}, shell and mail tasks), and
 *       no field is injected into a delegate ({@code camunda:field}).</li>
 *   <li>Decision tables evaluate FEEL only, with the engine's built-in functions: no JUEL entries, no custom
 *       function providers, and Camunda's FEEL engine keeps external (Java) functions disabled.</li>
 * </ul>
 * The checks of {@link #postInit} stop start-up if another plugin or setting undid any of it.
 */
public class ModelSandbox extends AbstractProcessEnginePlugin {

    private final Map<Object, Object> beans;

    /** @param beans the beans a model's expressions may name, by name ({@link ListedBeans} in the service) */
    public ModelSandbox(Map<Object, Object> beans) {
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBeans(beans);
        configuration.setExpressionManager(new SandboxedExpressions(beans));
        configuration.setScriptEngineResolver(new NoScriptEngines());
        configuration.setArtifactFactory(new NoModelClasses());
        configuration.setDmnElProvider(new NoJuelInTables());
        configuration.setDmnFeelCustomFunctionProviders(new ArrayList<>());
        configuration.setDmnFeelEnableLegacyBehavior(false);
        List<BpmnParseListener> parseListeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            parseListeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        parseListeners.add(new NoFieldInjection());
        configuration.setCustomPostBPMNParseListeners(parseListeners);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        require(configuration.getExpressionManager() instanceof SandboxedExpressions, "the expression manager was replaced");
        require(configuration.getScriptEngineResolver() instanceof NoScriptEngines, "a script engine resolver was set");
        require(configuration.getArtifactFactory() instanceof NoModelClasses, "the artifact factory was replaced");
        requireSandboxed(configuration.getDmnEngineConfiguration());
    }

    /**
     * A standalone decision engine in the same sandbox, for evaluating a table outside the process engine (the
     * policy dry run), built and checked here: no other class builds a decision engine.
     *
     * @param listeners told of each table's evaluation (which rules matched)
     */
    public static DmnEngine decisionEngine(List<DmnDecisionTableEvaluationListener> listeners) {
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        configuration.elProvider(new NoJuelInTables())
                .scriptEngineResolver(new NoScriptEngines())
                .feelCustomFunctionProviders(new ArrayList<>())
                .enableFeelLegacyBehavior(false)
                .customPostDecisionTableEvaluationListeners(List.copyOf(listeners));
        DmnEngine engine = configuration.buildEngine();
        requireSandboxed(configuration);
        return engine;
    }

    /** After {@code buildEngine()}: the table engine evaluates what the sandbox allows and nothing more. */
    static void requireSandboxed(DefaultDmnEngineConfiguration decisions) {
        require(decisions.getElProvider() instanceof NoJuelInTables, "decision tables would evaluate JUEL");
        require(decisions.getFeelCustomFunctionProviders() == null || decisions.getFeelCustomFunctionProviders().isEmpty(),
                "FEEL custom function providers were added");
        require(!decisions.isEnableFeelLegacyBehavior() && decisions.getFeelEngine() instanceof ScalaFeelEngine,
                "decision tables would not use Camunda's FEEL engine (external functions off)");
    }

    private static void require(boolean sandboxed, String what) {
        if (!sandboxed) {
            throw new IllegalStateException("The model sandbox is not in place: " + what
                    + ". Models must not run code the service did not ship.");
        }
    }
}
