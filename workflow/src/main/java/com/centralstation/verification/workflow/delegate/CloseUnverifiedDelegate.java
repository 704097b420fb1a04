package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.core.usecase.CloseUnverified;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** "Close as not verified": the operator's choice when no contact could verify the alarm. */
public final class CloseUnverifiedDelegate implements JavaDelegate {

    public static final String BEAN_NAME = "closeUnverifiedDelegate";

    private final CloseUnverified closeUnverified;

    public CloseUnverifiedDelegate(CloseUnverified closeUnverified) {
        this.closeUnverified = closeUnverified;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean closed = closeUnverified.close(ProcessVariables.verificationId(execution.getProcessBusinessKey()),
                (String) execution.getVariable(ProcessVariables.OPERATOR_ID),
                (String) execution.getVariable(ProcessVariables.OPERATOR_NOTE));
        execution.setVariable(ProcessVariables.CLOSED_UNVERIFIED, closed);
    }
}
