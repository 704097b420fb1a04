package com.centralstation.verification.bench;

import com.centralstation.verification.workflow.EscalationProperties;
import com.centralstation.verification.workflow.EscalationTimers;
import com.centralstation.verification.workflow.engine.sandbox.SandboxedExpressions;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultEntriesImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionResultImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ValueExpression;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model sandbox costs per expression evaluation: the model's expressions that run per job (a job's
 * priority, a timer's duration, a business rule task's output mapping, a gateway's condition), evaluated through
 * Camunda's own expression manager and through the sandbox's, alternately in one JVM, medians of the rounds after
 * warm-up. Only the expression evaluation is measured (parsed once, one context per variable scope, as the engine
 * caches them), not the engine around it.
 *
 * <p>{@code java -cp 'bench/target/bench.jar:bench/target/lib/*' com.centralstation.verification.bench.ExpressionCostMain}
 */
public final class ExpressionCostMain {

    private static final List<String> PER_JOB = List.of(
            "${classJobPriority + 200}",
            "${escalationTimers.first}",
            "${decisionResult.getSingleResult().notifyNextContact}",
            "${notificationOutcome == 'unreachable' or notificationOutcome == 'channel-down'}");
    private static final int EVALUATIONS = 200_000;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int ROUNDS = 15;

    private ExpressionCostMain() {
    }

    public static void main(String[] args) {
        Map<Object, Object> beans = Map.of(EscalationTimers.BEAN_NAME, new EscalationTimers(
                new EscalationProperties(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10))));
        DmnDecisionResultEntriesImpl advice = new DmnDecisionResultEntriesImpl();
        advice.putValue("notifyNextContact", Variables.booleanValue(true));
        VariableContext variables = Variables.createVariables().putValue("classJobPriority", 100)
                .putValue("notificationOutcome", "delivered")
                .putValue("decisionResult", new DmnDecisionResultImpl(List.of(advice)))
                .asVariableContext();
        Map<String, JuelExpressionManager> managers = new LinkedHashMap<>();
        managers.put("camunda", new JuelExpressionManager(beans));
        managers.put("sandbox", new SandboxedExpressions(beans));

        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            for (Map.Entry<String, JuelExpressionManager> manager : managers.entrySet()) {
                ELContext context = manager.getValue().createElContext(variables);
                for (String expression : PER_JOB) {
                    ValueExpression parsed = manager.getValue().createValueExpression(expression);
                    long start = System.nanoTime();
                    Object last = null;
                    for (int i = 0; i < EVALUATIONS; i++) {
                        last = parsed.getValue(context);
                    }
                    double perEvaluation = (System.nanoTime() - start) / (double) EVALUATIONS;
                    if (last == null) {
                        throw new IllegalStateException(expression + " evaluated to nothing");
                    }
                    if (round >= WARM_UP_ROUNDS) {
                        nanos.computeIfAbsent(manager.getKey() + " " + expression, key -> new ArrayList<>()).add(perEvaluation);
                    }
                }
            }
        }
        System.out.printf("%-72s %10s %10s %7s%n", "expression (ns per evaluation, median of " + ROUNDS + " rounds)",
                "camunda", "sandbox", "ratio");
        for (String expression : PER_JOB) {
            double camunda = Stats.median(nanos.get("camunda " + expression));
            double sandbox = Stats.median(nanos.get("sandbox " + expression));
            System.out.printf("%-72s %10.0f %10.0f %7.2f%n", expression, camunda, sandbox, sandbox / camunda);
        }
    }
}
