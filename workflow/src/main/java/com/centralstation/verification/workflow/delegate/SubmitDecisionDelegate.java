package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.core.usecase.SubmitDecision;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * "Submit decision to CHeKT". The outcome routes the model: submitted, closed by CHeKT, dispatch not taken (an
 * operator task, with CHeKT's answer in variables for its form) or a wait (the duration for "Wait as asked").
 * A failed attempt propagates: the engine retries a transient failure on the model's cycle, and fails a final
 * refusal at once ({@code NoBlindRetries}).
 */
public final class SubmitDecisionDelegate implements JavaDelegate {

    public static final String BEAN_NAME = "submitDecisionDelegate";

    private final SubmitDecision submitDecision;

    public SubmitDecisionDelegate(SubmitDecision submitDecision) {
        this.submitDecision = submitDecision;
    }

    @Override
    public void execute(DelegateExecution execution) {
        SubmitDecision.Result result = submitDecision.submit(
                ProcessVariables.verificationId(execution.getProcessBusinessKey()),
                new SubmitDecision.Attempt(isLastRetry(), count(execution, ProcessVariables.CHEKT_UNAVAILABLE_WAITS),
                        count(execution, ProcessVariables.CHEKT_WAITS)));
        execution.setVariable(ProcessVariables.SUBMISSION_OUTCOME, result.outcome().name());
        switch (result.outcome()) {
            case WAIT -> {
                execution.setVariable(ProcessVariables.CHEKT_WAIT, result.waitFor().toString());
                execution.setVariable(ProcessVariables.CHEKT_UNAVAILABLE_WAITS, result.unavailableWaits());
                execution.setVariable(ProcessVariables.CHEKT_WAITS, result.chektWaits());
            }
            case DISPATCH_NOT_TAKEN -> {
                SubmitDecision.Refusal refusal = result.refusal();
                execution.setVariable(ProcessVariables.CHEKT_STATUS, refusal.status());
                execution.setVariable(ProcessVariables.CHEKT_ERROR_CODE, refusal.errorCode());
                execution.setVariable(ProcessVariables.CHEKT_MESSAGE, refusal.message());
                execution.setVariable(ProcessVariables.CHEKT_REQUEST_ID, refusal.requestId());
            }
            default -> {
            }
        }
    }

    private static int count(DelegateExecution execution, String variable) {
        return execution.getVariable(variable) instanceof Number n ? n.intValue() : 0;
    }

    /**
     * Whether the job running this attempt has no retry after it. The engine counts a job's retries down after
     * each failure (the first attempt plus one per interval of the retry cycle), so 1 means this is the last;
     * a supervisor's retry from an incident sets 1 as well.
     */
    private static boolean isLastRetry() {
        CommandContext command = Context.getCommandContext();
        JobEntity job = command == null ? null : command.getCurrentJob();
        return job != null && job.getRetries() <= 1;
    }
}
