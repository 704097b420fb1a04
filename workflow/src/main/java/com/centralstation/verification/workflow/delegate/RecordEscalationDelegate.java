package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.core.domain.EscalationAdvice;
import com.centralstation.verification.core.domain.EscalationStep;
import com.centralstation.verification.core.domain.PolicyVersion;
import com.centralstation.verification.core.usecase.RecordEscalation;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "Record escalation": audits the step, the escalation policy's inputs and advice, and the policy version that
 * gave it.
 */
public final class RecordEscalationDelegate implements JavaDelegate {

    public static final String BEAN_NAME = "recordEscalationDelegate";

    private final RecordEscalation recordEscalation;

    public RecordEscalationDelegate(RecordEscalation recordEscalation) {
        this.recordEscalation = recordEscalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String code = (String) ProcessVariables.required(execution, ProcessVariables.ESCALATION_STEP);
        EscalationStep step = EscalationStep.fromCode(code)
                .orElseThrow(() -> new IllegalStateException("unknown escalation step '" + code + "' in the model"));
        EscalationAdvice advice = new EscalationAdvice(
                ProcessVariables.flag(execution, ProcessVariables.NOTIFY_NEXT_CONTACT),
                ProcessVariables.flag(execution, ProcessVariables.ALERT_OPERATOR),
                ProcessVariables.flag(execution, ProcessVariables.HAND_OVER_TO_OPERATOR));
        PolicyVersion policy = new PolicyVersion(
                ((Number) ProcessVariables.required(execution, ProcessVariables.ESCALATION_POLICY_VERSION)).intValue(),
                (String) ProcessVariables.required(execution, ProcessVariables.ESCALATION_POLICY_DEFINITION_ID));
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String name : ProcessVariables.ESCALATION_POLICY_INPUTS) {
            Object value = name.equals(ProcessVariables.ESCALATION_STEP) ? code : execution.getVariable(name);
            if (value != null) {
                inputs.put(name, value.toString());
            }
        }
        recordEscalation.record(ProcessVariables.verificationId(execution.getProcessBusinessKey()), step, advice, policy,
                inputs);
    }
}
