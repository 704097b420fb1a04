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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins every rule of the shipped validation tables (AVS-01 level and enhanced call verification), as
 * the escalation policy's test does: a changed rule changes a case here, deliberately.
 */
class AlarmValidationTablesTest {

    private static final String DMN = "alarm-validation.dmn";

    record AvsCase(String why, String trigger, String seen, String action, String rule, int level) {
        @Override
        public String toString() {
            return why;
        }
    }

    record EcvCase(String why, String trigger, String action, int contactsTried, int addressesTried, String seen,
                   String rule, boolean required, boolean met) {
        @Override
        public String toString() {
            return why;
        }
    }

    static List<AvsCase> avsCases() {
        return List.of(
                new AvsCase("a disregard is level 0 whatever was seen", "motion", "person", "disregard", "Rule_Avs_Disregard", 0),
                new AvsCase("a weapon seen is a threat to life", "motion", "weapon-or-violence", "dispatch", "Rule_Avs_Weapon", 4),
                new AvsCase("fire seen is a threat to life", "smoke", "fire-or-smoke", "dispatch", "Rule_Avs_Fire", 4),
                new AvsCase("a person seen verifies presence", "motion", "person", "dispatch", "Rule_Avs_Person", 3),
                new AvsCase("a person seen at a panic alarm is presence", "panic", "person", "dispatch", "Rule_Avs_Person", 3),
                new AvsCase("a panic confirmed without saying what was seen", "panic", null, "dispatch", "Rule_Avs_LifeSafetySignal", 2),
                new AvsCase("a fire signal confirmed with nobody seen", "fire", "nobody", "dispatch", "Rule_Avs_LifeSafetySignal", 2),
                new AvsCase("a burglary dispatch with nobody seen", "motion", "nobody", "dispatch", "Rule_Avs_Confirmed", 1),
                new AvsCase("a burglary dispatch without saying what was seen", "door-forced", null, "dispatch", "Rule_Avs_Confirmed", 1),
                new AvsCase("an unknown decision claims nothing", "motion", null, "maybe", "Rule_Avs_SafetyNet", 0));
    }

    static List<EcvCase> ecvCases() {
        return List.of(
                new EcvCase("a disregard needs no ECV", "motion", "disregard", 1, 1, null, "Rule_Ecv_NoDispatch", false, false),
                new EcvCase("fire is exempt", "fire", "dispatch", 1, 1, null, "Rule_Ecv_Exempt", false, false),
                new EcvCase("panic is exempt", "panic", "dispatch", 1, 1, null, "Rule_Ecv_Exempt", false, false),
                new EcvCase("duress is exempt", "duress", "dispatch", 0, 0, null, "Rule_Ecv_Exempt", false, false),
                new EcvCase("hold-up is exempt", "hold-up", "dispatch", 1, 1, "nobody", "Rule_Ecv_Exempt", false, false),
                new EcvCase("two contacts tried meets ECV", "motion", "dispatch", 2, 2, null, "Rule_Ecv_TwoContacts", true, true),
                new EcvCase("two numbers of one contact meet ECV", "motion", "dispatch", 1, 2, "nobody", "Rule_Ecv_TwoNumbers", true, true),
                new EcvCase("a contact who saw a person on video counts", "motion", "dispatch", 1, 1, "person", "Rule_Ecv_WatchedVideo", true, true),
                new EcvCase("a contact who saw violence on video counts", "glass-break", "dispatch", 1, 1, "weapon-or-violence", "Rule_Ecv_WatchedVideo", true, true),
                new EcvCase("one contact, one number, nobody seen: not met", "motion", "dispatch", 1, 1, "nobody", "Rule_Ecv_NotMet", true, false),
                new EcvCase("medical is not on the exempt list", "medical", "dispatch", 1, 1, null, "Rule_Ecv_NotMet", true, false),
                new EcvCase("an unknown decision claims nothing", "motion", "maybe", 2, 2, null, "Rule_Ecv_SafetyNet", false, false));
    }

    private static final ShippedDmn TABLES = new ShippedDmn(DMN);
    private static DmnDecision avs;
    private static DmnDecision ecv;

    @BeforeAll
    static void parseTheShippedTables() {
        avs = TABLES.decision(AlarmVerificationModel.Decision.ALARM_VALIDATION);
        ecv = TABLES.decision(AlarmVerificationModel.Decision.ENHANCED_CALL_VERIFICATION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avsCases")
    void eachAvsCaseMatchesItsRuleAndLevel(AvsCase c) {
        DmnDecisionResultEntries result = evaluate(c);

        assertThat(TABLES.lastMatchedRuleIds()).containsExactly(c.rule());
        assertThat(((Number) result.getEntry("avsLevel")).intValue()).isEqualTo(c.level());
        assertThat((String) result.getEntry("avsReason")).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ecvCases")
    void eachEcvCaseMatchesItsRuleAndVerdict(EcvCase c) {
        DmnDecisionResultEntries result = evaluate(c);

        assertThat(TABLES.lastMatchedRuleIds()).containsExactly(c.rule());
        assertThat((Boolean) result.getEntry("ecvRequired")).as("ecvRequired").isEqualTo(c.required());
        assertThat((Boolean) result.getEntry("ecvMet")).as("ecvMet").isEqualTo(c.met());
        assertThat((String) result.getEntry("ecvReason")).isNotBlank();
    }

    @Test
    void everyRuleOfBothTablesIsPinnedByACase() {
        for (AvsCase c : avsCases()) {
            evaluate(c);
            assertThat(TABLES.lastMatchedRuleIds()).as(c.why()).containsExactly(c.rule());
        }
        for (EcvCase c : ecvCases()) {
            evaluate(c);
            assertThat(TABLES.lastMatchedRuleIds()).as(c.why()).containsExactly(c.rule());
        }
        assertThat(Stream.concat(avsCases().stream().map(AvsCase::rule), ecvCases().stream().map(EcvCase::rule))
                .collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(TABLES.ruleIds());
    }

    @Test
    void bothTablesAreReadTopDownKeepHistoryForAWhileAndExplainEveryRule() {
        DmnModelInstance model = TABLES.model();
        for (String key : List.of(AlarmVerificationModel.Decision.ALARM_VALIDATION,
                AlarmVerificationModel.Decision.ENHANCED_CALL_VERIFICATION)) {
            Decision decision = model.getModelElementById(key);
            DecisionTable table = (DecisionTable) decision.getExpression();
            assertThat(table.getHitPolicy()).as(key).isEqualTo(HitPolicy.FIRST);
            assertThat(decision.getCamundaHistoryTimeToLiveString()).as(key).isEqualTo("P30D");
            for (Rule rule : table.getRules()) {
                assertThat(rule.getDescription().getTextContent()).as(rule.getId()).isNotBlank();
            }
        }
        // Modeler lays out what has a DMNDI shape: each table has one
        String xml = TABLES.xml();
        assertThat(xml).contains("dmnElementRef=\"" + AlarmVerificationModel.Decision.ALARM_VALIDATION + "\"",
                "dmnElementRef=\"" + AlarmVerificationModel.Decision.ENHANCED_CALL_VERIFICATION + "\"");
    }

    private static DmnDecisionResultEntries evaluate(AvsCase c) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("trigger", c.trigger());
        variables.put("seen", c.seen());
        variables.put("action", c.action());
        return TABLES.evaluate(avs, variables);
    }

    private static DmnDecisionResultEntries evaluate(EcvCase c) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("trigger", c.trigger());
        variables.put("action", c.action());
        variables.put("contactsTried", c.contactsTried());
        variables.put("addressesTried", c.addressesTried());
        variables.put("seen", c.seen());
        return TABLES.evaluate(ecv, variables);
    }
}
