package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.core.usecase.AcceptDecision;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Accept decision": claims the decision in the transaction that delivered it (the message
 * correlation or the operator's task completion). A refused claim throws
 * {@link com.centralstation.verification.core.domain.DecisionConflictException}, which rolls that transaction back: the first
 * decision wins.
 */
public final class AcceptDecisionDelegate implements JavaDelegate {

    public static final String BEAN_NAME = "acceptDecisionDelegate";

    private final AcceptDecision acceptDecision;

    public AcceptDecisionDelegate(AcceptDecision acceptDecision) {
        this.acceptDecision = acceptDecision;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object operator = execution.getVariable(ProcessVariables.OPERATOR_ID);
        AcceptDecision.Accepted accepted = acceptDecision.accept(ProcessVariables.verificationId(execution.getProcessBusinessKey()),
                ProcessVariables.decision(execution), operator == null ? null : operator.toString());
        execution.setVariable(ProcessVariables.RESPONSE_TIME, accepted.responseTime().label());
        execution.setVariable(ProcessVariables.AVS_LEVEL, accepted.validation().avsLevel());
        execution.setVariable(ProcessVariables.AVS_REASON, accepted.validation().avsReason());
        execution.setVariable(ProcessVariables.ECV_MET, accepted.validation().ecvMet());
        execution.setVariable(ProcessVariables.ECV_SUMMARY, accepted.validation().ecvReason());
    }
}
