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
 * Pins every rule of the shipped escalation policy. An analyst who changes the table changes this
 * list with it, so each behaviour change is deliberate and visible in review.
 */
class EscalationPolicyTest {

    private static final String DMN = "escalation-policy.dmn";

    /**
     * One row per case: the inputs, the rule expected to match, and the advice it gives. A null
     * notification outcome leaves the variable out, as a caller that predates it would.
     */
    record Case(String why, String step, String trigger, String priority, String alarmClass, int contactsNotified,
                int contactsLeft, String notificationOutcome, String rule, boolean notifyNextContact, boolean alertOperator,
                boolean handOverToOperator) {

        Case(String why, String step, String trigger, String priority, String alarmClass, int contactsNotified,
             int contactsLeft, String rule, boolean notifyNextContact, boolean alertOperator, boolean handOverToOperator) {
            this(why, step, trigger, priority, alarmClass, contactsNotified, contactsLeft, null, rule, notifyNextContact,
                    alertOperator, handOverToOperator);
        }

        @Override
        public String toString() {
            return why;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("life-safety goes to an operator at intake", "intake", "fire", "HIGH", "life-safety", 0, 3, "Rule_LifeSafetyAtOnce", false, true, true),
                new Case("life-safety is the class, not the trigger", "intake", "smoke", "LOW", "life-safety", 0, 1, "Rule_LifeSafetyAtOnce", false, true, true),
                new Case("life-safety without contacts goes to an operator at intake", "intake", "panic", "HIGH", "life-safety", 0, 0, "Rule_LifeSafetyAtOnce", false, true, true),
                new Case("a high alarm waits for its first contact at intake", "intake", "motion", "HIGH", "high", 0, 3, "Rule_IntakeOtherwise", false, false, false),
                new Case("a normal alarm waits for its first contact at intake", "intake", "motion", "LOW", "normal", 0, 3, "Rule_IntakeOtherwise", false, false, false),
                new Case("a fire alarm the class table calls normal waits too", "intake", "fire", "HIGH", "normal", 0, 3, "Rule_IntakeOtherwise", false, false, false),
                new Case("an empty call list waits for the initial step", "intake", "motion", "HIGH", "high", 0, 0, "Rule_IntakeOtherwise", false, false, false),
                new Case("life-safety with contacts waits for them after its hand-over", "initial", "fire", "HIGH", "life-safety", 1, 2, "Rule_WaitForFirstContact", false, false, false),
                new Case("life-safety with an empty call list is advised to an operator again (one task)", "initial", "fire", "HIGH", "life-safety", 0, 0, "Rule_NobodyToCall", false, true, true),
                new Case("empty call list goes to an operator at once", "initial", "motion", "HIGH", "high", 0, 0, "Rule_NobodyToCall", false, true, true),
                new Case("ordinary alarm waits for the first contact", "initial", "motion", "HIGH", "high", 1, 2, "Rule_WaitForFirstContact", false, false, false),
                new Case("a single contact is waited for too", "initial", "door-forced", "MEDIUM", "normal", 1, 0, "Rule_WaitForFirstContact", false, false, false),
                new Case("no contact left at 2 min", "2min", "motion", "MEDIUM", "normal", 1, 0, "Rule_NoContactLeft", false, true, true),
                new Case("no contact left at 5 min", "5min", "fire", "HIGH", "life-safety", 3, 0, "Rule_NoContactLeft", false, true, true),
                new Case("no contact left at 10 min", "10min", "motion", "LOW", "normal", 3, 0, "Rule_NoContactLeft", false, true, true),
                new Case("10 min hands over and still calls", "10min", "motion", "LOW", "normal", 3, 1, "Rule_TenMinutes", true, true, true),
                new Case("high priority at 5 min alerts an operator", "5min", "motion", "HIGH", "high", 2, 1, "Rule_HighPriorityFiveMinutes", true, true, false),
                new Case("medium priority at 5 min calls the next contact", "5min", "motion", "MEDIUM", "normal", 2, 1, "Rule_NextContact", true, false, false),
                new Case("2 min calls the next contact", "2min", "motion", "HIGH", "high", 1, 2, "Rule_NextContact", true, false, false),
                new Case("life-safety keeps calling contacts at 2 min", "2min", "fire", "HIGH", "life-safety", 1, 2, "Rule_NextContact", true, false, false),
                new Case("an unknown step falls to the safety net", "15min", "motion", "LOW", "normal", 1, 2, "Rule_SafetyNet", false, true, true),
                new Case("a delivered first notification waits as before", "initial", "motion", "HIGH", "high", 1, 2, "delivered", "Rule_WaitForFirstContact", false, false, false),
                new Case("a delivered life-safety notification waits for its contact (its operator task exists since intake)", "initial", "fire", "HIGH", "life-safety", 1, 2, "delivered", "Rule_WaitForFirstContact", false, false, false),
                new Case("an unreachable first contact: the next is called at once", "initial", "motion", "HIGH", "high", 1, 2, "unreachable", "Rule_UnreachableNextContact", true, false, false),
                new Case("an unreachable later contact: the next is called at once", "undelivered", "motion", "LOW", "normal", 2, 1, "unreachable", "Rule_UnreachableNextContact", true, false, false),
                new Case("unreachable and nobody left: an operator at once", "undelivered", "motion", "MEDIUM", "normal", 3, 0, "unreachable", "Rule_NobodyReachable", false, true, true),
                new Case("the only contact unreachable: an operator at once", "initial", "motion", "MEDIUM", "normal", 1, 0, "unreachable", "Rule_NobodyReachable", false, true, true),
                new Case("a channel down at the first contact: an operator at once", "initial", "motion", "LOW", "normal", 1, 2, "channel-down", "Rule_ChannelDown", false, true, true),
                new Case("a channel down at a later contact: an operator at once", "undelivered", "motion", "LOW", "normal", 2, 1, "channel-down", "Rule_ChannelDown", false, true, true),
                new Case("life-safety with an unreachable first contact: operator and next contact at once", "initial", "fire", "HIGH", "life-safety", 1, 2, "unreachable", "Rule_LifeSafetyUnreachable", true, true, true),
                new Case("life-safety with nobody else reachable is advised to an operator again (one task)", "initial", "panic", "HIGH", "life-safety", 1, 0, "unreachable", "Rule_NobodyReachable", false, true, true),
                new Case("a timer step ignores the last outcome", "2min", "motion", "HIGH", "high", 1, 2, "channel-down", "Rule_NextContact", true, false, false),
                new Case("an undelivered step with an unknown outcome falls to the safety net", "undelivered", "motion", "LOW", "normal", 1, 2, "bounced", "Rule_SafetyNet", false, true, true));
    }

    private static final ShippedDmn TABLE = new ShippedDmn(DMN);
    private static DmnDecision decision;

    @BeforeAll
    static void parseTheShippedTable() {
        decision = TABLE.decision(AlarmVerificationModel.Decision.ESCALATION_POLICY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCaseMatchesItsRuleAndAdvice(Case c) {
        DmnDecisionResultEntries advice = evaluate(c);

        assertThat(TABLE.lastMatchedRuleIds()).containsExactly(c.rule());
        assertThat((Boolean) advice.getEntry("notifyNextContact")).as("notifyNextContact").isEqualTo(c.notifyNextContact());
        assertThat((Boolean) advice.getEntry("alertOperator")).as("alertOperator").isEqualTo(c.alertOperator());
        assertThat((Boolean) advice.getEntry("handOverToOperator")).as("handOverToOperator").isEqualTo(c.handOverToOperator());
    }

    @Test
    void everyRuleOfTheShippedTableIsPinnedByACase() {
        Set<String> pinned = cases().stream().map(Case::rule).collect(Collectors.toSet());
        for (Case c : cases()) {
            evaluate(c);
            assertThat(TABLE.lastMatchedRuleIds()).as(c.why()).containsExactly(c.rule());
        }
        assertThat(pinned).containsExactlyInAnyOrderElementsOf(TABLE.ruleIds());
    }

    @Test
    void theTableIsReadTopDownAndKeepsHistoryForAWhile() {
        DmnModelInstance model = TABLE.model();
        Decision policy = model.getModelElementById(AlarmVerificationModel.Decision.ESCALATION_POLICY);
        DecisionTable table = (DecisionTable) policy.getExpression();

        assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
        assertThat(policy.getCamundaHistoryTimeToLiveString()).isEqualTo("P30D");
        assertThat(table.getInputs()).extracting(input -> input.getInputExpression().getText().getTextContent())
                .containsExactly("escalationStep", "trigger", "priority", "contactsNotified", "contactsLeft", "alarmClass",
                        "if notificationOutcome = null then \"delivered\" else notificationOutcome");
        assertThat(table.getOutputs()).extracting(output -> output.getName())
                .containsExactly("notifyNextContact", "alertOperator", "handOverToOperator");
        // analysts read the table by its rule descriptions: none may be left blank
        for (Rule rule : table.getRules()) {
            assertThat(rule.getDescription()).as(rule.getId()).isNotNull();
            assertThat(rule.getDescription().getTextContent()).as(rule.getId()).isNotBlank();
        }
    }

    private static DmnDecisionResultEntries evaluate(Case c) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("escalationStep", c.step());
        variables.put("trigger", c.trigger());
        variables.put("priority", c.priority());
        variables.put("contactsNotified", c.contactsNotified());
        variables.put("contactsLeft", c.contactsLeft());
        variables.put("alarmClass", c.alarmClass());
        if (c.notificationOutcome() != null) {
            variables.put("notificationOutcome", c.notificationOutcome());
        }
        return TABLE.evaluate(decision, variables);
    }

}
