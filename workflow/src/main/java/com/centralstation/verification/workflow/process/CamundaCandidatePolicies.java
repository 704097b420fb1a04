package com.centralstation.verification.workflow.process;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.EscalationAdvice;
import com.centralstation.verification.core.port.out.CandidatePolicies;
import com.centralstation.verification.core.port.out.CandidatePolicy;
import com.centralstation.verification.core.port.out.IncompatiblePolicyException;
import com.centralstation.verification.workflow.ProcessVariables;
import com.centralstation.verification.workflow.engine.sandbox.DeploymentGuard;
import com.centralstation.verification.workflow.engine.sandbox.ModelSandbox;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a candidate escalation policy with Camunda's standalone DMN engine, in memory: nothing reaches the
 * repository. The candidate passes the deployment guard first, as a deployment would (FEEL only, no external
 * functions, a history time to live), and is evaluated in the model sandbox's decision engine
 * ({@link ModelSandbox#decisionEngine}). It must read only variables the process sets and answer every piece
 * of advice the process takes.
 */
public final class CamundaCandidatePolicies implements CandidatePolicies {

    private final DeploymentGuard guard = new DeploymentGuard();

    @Override
    public CandidatePolicy read(byte[] dmn) {
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(dmn));
        } catch (RuntimeException unreadable) {
            throw new IncompatiblePolicyException("the file is not a readable DMN: " + unreadable.getMessage(), unreadable);
        }
        List<Problem> problems = guard.check("candidate.dmn", dmn);
        if (!problems.isEmpty()) {
            throw new IncompatiblePolicyException("the table would be refused if deployed: "
                    + problems.stream().map(Problem::getMessage).collect(Collectors.joining("; ")));
        }
        String key = AlarmVerificationModel.Decision.ESCALATION_POLICY;
        Decision decision = model.getModelElementById(key);
        if (decision == null) {
            throw new IncompatiblePolicyException("the DMN has no decision with id '" + key + "', which the process evaluates");
        }
        if (!(decision.getExpression() instanceof DecisionTable table)) {
            throw new IncompatiblePolicyException("decision '" + key + "' is not a decision table");
        }
        List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
        for (String advice : EscalationAdvice.OUTPUTS) {
            if (!outputs.contains(advice)) {
                throw new IncompatiblePolicyException("decision '" + key + "' has no output '" + advice
                        + "', which the process reads");
            }
        }
        Map<String, String> inputTypes = new LinkedHashMap<>();
        for (Input input : table.getInputs()) {
            String expression = input.getInputExpression().getText() == null ? ""
                    : input.getInputExpression().getText().getTextContent().strip();
            // An input reads a variable ("contactsLeft") or an expression over variables ("if notificationOutcome =
            // null then ..."): every variable it names must be one the process records with each step.
            List<String> named = variablesIn(expression);
            List<String> unknown = named.stream().filter(v -> !ProcessVariables.ESCALATION_POLICY_INPUTS.contains(v)).toList();
            if (named.isEmpty() || !unknown.isEmpty()) {
                throw new IncompatiblePolicyException("input '" + (input.getLabel() == null ? input.getId() : input.getLabel())
                        + "' reads '" + expression + "', which the process does not provide (it provides "
                        + ProcessVariables.ESCALATION_POLICY_INPUTS + ")");
            }
            for (String variable : named) {
                inputTypes.putIfAbsent(variable, expression.equals(variable) ? input.getInputExpression().getTypeRef() : null);
            }
        }
        MatchedRules matched = new MatchedRules();
        DmnEngine engine = ModelSandbox.decisionEngine(List.of(matched));
        DmnDecision parsed;
        try {
            parsed = engine.parseDecision(key, model);
        } catch (RuntimeException broken) {
            throw new IncompatiblePolicyException("decision '" + key + "' cannot be parsed: " + broken.getMessage(), broken);
        }
        List<String> rules = table.getRules().stream().map(Rule::getId).toList();
        return new CamundaCandidatePolicy(engine, parsed, inputTypes, rules, matched);
    }

    private static final Pattern STRING_LITERAL = Pattern.compile("\"[^\"]*\"|'[^']*'");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "null", "true", "false", "and", "or", "not",
            "eq", "ne", "lt", "gt", "le", "ge", "empty", "instanceof", "div", "mod");

    /** The variables an input expression names: its identifiers outside string literals, less the keywords. */
    static List<String> variablesIn(String expression) {
        Matcher identifiers = IDENTIFIER.matcher(STRING_LITERAL.matcher(expression).replaceAll(" "));
        List<String> names = new ArrayList<>();
        while (identifiers.find()) {
            String name = identifiers.group();
            if (!KEYWORDS.contains(name) && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private record CamundaCandidatePolicy(DmnEngine engine, DmnDecision decision, Map<String, String> inputTypes, List<String> ruleIds,
                             MatchedRules matched) implements CandidatePolicy {

        @Override
        public Answer evaluate(Map<String, String> inputs) {
            Map<String, Object> variables = new HashMap<>();
            inputTypes.forEach((name, type) -> variables.put(name, typed(name, inputs.get(name), type)));
            DmnDecisionResult result;
            try {
                result = engine.evaluateDecision(decision, variables);
            } catch (RuntimeException failed) {
                throw new IncompatiblePolicyException("the table fails on the recorded inputs " + inputs + ": "
                        + failed.getMessage(), failed);
            }
            if (result.size() != 1) {
                throw new IncompatiblePolicyException("the table answers " + result.size() + " results for the recorded inputs "
                        + inputs + "; the process needs exactly one (a safety-net rule at the bottom helps)");
            }
            Map<String, String> advice = new LinkedHashMap<>();
            result.getSingleResult().getEntryMap().forEach((name, value) -> advice.put(name, String.valueOf(value)));
            return new Answer(advice, matched.last.stream().findFirst());
        }

        private static Object typed(String name, String value, String type) {
            if (value == null || type == null) {
                return value;
            }
            try {
                return switch (type.toLowerCase(Locale.ROOT)) {
                    case "integer" -> Integer.valueOf(value);
                    case "long" -> Long.valueOf(value);
                    case "double" -> Double.valueOf(value);
                    case "boolean" -> Boolean.valueOf(value);
                    default -> value;
                };
            } catch (NumberFormatException notANumber) {
                throw new IncompatiblePolicyException("input '" + name + "' is typed " + type + " but was recorded as '"
                        + value + "'", notANumber);
            }
        }
    }

    /** One candidate is evaluated by one request at a time; the last match is read right after each evaluation. */
    private static final class MatchedRules implements DmnDecisionTableEvaluationListener {

        private volatile List<String> last = List.of();

        @Override
        public void notify(DmnDecisionTableEvaluationEvent event) {
            last = event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList();
        }
    }
}
