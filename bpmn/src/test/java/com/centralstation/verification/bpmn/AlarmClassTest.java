package com.centralstation.verification.bpmn;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins every rule of the shipped alarm class table. The intake hands it the trigger in lower case
 * ("unknown" when CHeKT sent none) and the priority in upper case (MEDIUM when CHeKT sent none); the
 * table must still answer for anything else, even a missing value: normal, never an error.
 */
class AlarmClassTest {

    private static final String DMN = "alarm-class.dmn";

    /** One row per case: the inputs, the rule expected to match, and the class it gives. */
    record Case(String why, String trigger, String priority, String rule, String alarmClass) {
        @Override
        public String toString() {
            return why;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("fire is life-safety", "fire", "HIGH", "Rule_LifeSafety", "life-safety"),
                new Case("panic is life-safety", "panic", "MEDIUM", "Rule_LifeSafety", "life-safety"),
                new Case("duress is life-safety", "duress", "LOW", "Rule_LifeSafety", "life-safety"),
                new Case("hold-up is life-safety", "hold-up", "HIGH", "Rule_LifeSafety", "life-safety"),
                new Case("medical is life-safety", "medical", "HIGH", "Rule_LifeSafety", "life-safety"),
                new Case("fire is life-safety whatever the priority, even an unknown one", "fire", "URGENT", "Rule_LifeSafety", "life-safety"),
                new Case("fire is life-safety without a priority", "fire", null, "Rule_LifeSafety", "life-safety"),
                new Case("a high-priority intrusion is high", "motion", "HIGH", "Rule_HighPriority", "high"),
                new Case("an unknown trigger with high priority is high", "laser-tripwire", "HIGH", "Rule_HighPriority", "high"),
                new Case("a medium-priority intrusion is normal", "motion", "MEDIUM", "Rule_Normal", "normal"),
                new Case("a low-priority intrusion is normal", "door-forced", "LOW", "Rule_Normal", "normal"),
                new Case("an unknown trigger is normal", "laser-tripwire", "MEDIUM", "Rule_Normal", "normal"),
                new Case("an alarm sent without trigger is normal", "unknown", "MEDIUM", "Rule_Normal", "normal"),
                new Case("an unknown priority is normal", "motion", "URGENT", "Rule_Normal", "normal"),
                new Case("a missing trigger and priority are normal", null, null, "Rule_Normal", "normal"),
                new Case("case matters: the intake lower-cases triggers before asking", "FIRE", "MEDIUM", "Rule_Normal", "normal"));
    }

    private static final ShippedDmn TABLE = new ShippedDmn(DMN);
    private static DmnDecision decision;

    @BeforeAll
    static void parseTheShippedTable() {
        decision = TABLE.decision(AlarmVerificationModel.Decision.ALARM_CLASS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCaseMatchesItsRuleAndClass(Case c) {
        DmnDecisionResultEntries answer = evaluate(c);

        assertThat(TABLE.lastMatchedRuleIds()).containsExactly(c.rule());
        assertThat((String) answer.getEntry("alarmClass")).isEqualTo(c.alarmClass());
    }

    @Test
    void everyRuleOfTheShippedTableIsPinnedByACase() {
        Set<String> pinned = cases().stream().map(Case::rule).collect(Collectors.toSet());
        assertThat(pinned).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
    }

    @Test
    void theTableIsReadTopDownAnswersOneOfTheThreeClassesAndKeepsHistoryForAWhile() {
        DmnModelInstance model = TABLE.model();
        Decision alarmClass = model.getModelElementById(AlarmVerificationModel.Decision.ALARM_CLASS);
        DecisionTable table = (DecisionTable) alarmClass.getExpression();

        assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
        assertThat(alarmClass.getCamundaHistoryTimeToLiveString()).isEqualTo("P30D");
        assertThat(table.getInputs()).extracting(input -> input.getInputExpression().getText().getTextContent())
                .containsExactly("trigger", "priority");
        assertThat(table.getOutputs()).extracting(output -> output.getName()).containsExactly("alarmClass");
        // the workflow module reads these exact words (core AlarmClass codes); anything else would be normal
        assertThat(table.getOutputs().iterator().next().getOutputValues().getText().getTextContent())
                .isEqualTo("\"life-safety\",\"high\",\"normal\"");
        for (Rule rule : table.getRules()) {
            assertThat(rule.getDescription()).as(rule.getId()).isNotNull();
            assertThat(rule.getDescription().getTextContent()).as(rule.getId()).isNotBlank();
        }
    }

    private static DmnDecisionResultEntries evaluate(Case c) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("trigger", c.trigger());
        variables.put("priority", c.priority());
        return TABLE.evaluate(decision, variables);
    }
}
