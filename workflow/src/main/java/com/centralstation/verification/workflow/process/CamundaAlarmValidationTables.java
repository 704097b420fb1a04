package com.centralstation.verification.workflow.process;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.AlarmValidation;
import com.centralstation.verification.core.domain.ContactObservation;
import com.centralstation.verification.core.domain.ValidationFacts;
import com.centralstation.verification.core.port.out.AlarmValidationTables;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;

import java.util.HashMap;
import java.util.Map;

/**
 * The validation tables as deployed in the engine (alarm-validation.dmn, the latest version of each),
 * evaluated through its {@link DecisionService}: an analyst's redeployment changes the scoring without
 * a code change.
 */
public final class CamundaAlarmValidationTables implements AlarmValidationTables {

    private final DecisionService decisions;

    public CamundaAlarmValidationTables(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public AlarmValidation score(ValidationFacts facts) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("trigger", facts.trigger());
        variables.put("action", facts.action().code());
        variables.put("seen", facts.seen().map(ContactObservation::code).orElse(null));
        variables.put("contactsTried", facts.tried().contacts());
        variables.put("addressesTried", facts.tried().addresses());
        DmnDecisionResultEntries avs = evaluate(AlarmVerificationModel.Decision.ALARM_VALIDATION, variables);
        DmnDecisionResultEntries ecv = evaluate(AlarmVerificationModel.Decision.ENHANCED_CALL_VERIFICATION, variables);
        return new AlarmValidation(((Number) avs.getEntry("avsLevel")).intValue(), avs.getEntry("avsReason"),
                Boolean.TRUE.equals(ecv.getEntry("ecvRequired")), Boolean.TRUE.equals(ecv.getEntry("ecvMet")),
                ecv.getEntry("ecvReason"), facts.seen());
    }

    private DmnDecisionResultEntries evaluate(String key, Map<String, Object> variables) {
        return decisions.evaluateDecisionByKey(key).variables(variables).evaluate().getSingleResult();
    }
}
