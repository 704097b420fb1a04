package com.centralstation.verification.bpmn;

import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;

import java.util.List;

/** Remembers which rules of a decision table matched its last evaluation, so a table test can pin each rule. */
final class MatchedRules implements DmnDecisionTableEvaluationListener {

    volatile List<String> lastRuleIds = List.of();

    @Override
    public void notify(DmnDecisionTableEvaluationEvent event) {
        lastRuleIds = event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList();
    }
}
