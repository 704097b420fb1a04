package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.core.usecase.SubmitDecision;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Submit decision to CHeKT". CHeKT unavailable: the exception propagates and the engine retries
 * the job on the model's cycle, then raises an incident. Closed or unknown: a normal outcome the
 * model routes to its own end event.
 */
public final class SubmitDecisionDelegate implements JavaDelegate {

    public static final String BEAN_NAME = "submitDecisionDelegate";

    private final SubmitDecision submitDecision;

    public SubmitDecisionDelegate(SubmitDecision submitDecision) {
        this.submitDecision = submitDecision;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SubmitDecision.Outcome outcome = submitDecision.submit(
                ProcessVariables.verificationId(execution.getProcessBusinessKey()));
        execution.setVariable(ProcessVariables.SUBMISSION_OUTCOME, outcome.name());
    }
}
