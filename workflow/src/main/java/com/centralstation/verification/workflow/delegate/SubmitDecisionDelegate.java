package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.usecase.SubmitDecision;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * "Submit decision to CHeKT". The outcome routes the model: submitted, closed by CHeKT, dispatch not taken (an
 * operator task, with CHeKT's answer in variables for its form) or a wait (the duration for "Wait as asked", and
 * CHeKT's answer for the form of the task the dispatch deadline opens). Whether that task was opened
 * ({@code agencyCallAsked}, set by the model) tells the use case that an acceptance comes late.
 * A failed attempt propagates: the engine retries a transient failure on the model's cycle, and fails a final
 * refusal at once ({@code NoBlindRetries}).
 */
public final class SubmitDecisionDelegate implements JavaDelegate {

    public static final String BEAN_NAME = "submitDecisionDelegate";
    private static final Logger log = LoggerFactory.getLogger(SubmitDecisionDelegate.class);

    private final SubmitDecision submitDecision;

    public SubmitDecisionDelegate(SubmitDecision submitDecision) {
        this.submitDecision = submitDecision;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID verificationId = ProcessVariables.verificationId(execution.getProcessBusinessKey());
        SubmitDecision.Result result;
        try {
            result = submitDecision.submit(verificationId,
                    new SubmitDecision.Attempt(isLastRetry(), count(execution, ProcessVariables.CHEKT_UNAVAILABLE_WAITS),
                            count(execution, ProcessVariables.CHEKT_WAITS),
                            Boolean.TRUE.equals(execution.getVariable(ProcessVariables.AGENCY_CALL_ASKED))));
        } catch (ChektGatewayException failure) {
            logFailedAttempt(verificationId, failure);
            throw failure;
        }
        execution.setVariable(ProcessVariables.SUBMISSION_OUTCOME, result.outcome().name());
        switch (result.outcome()) {
            case WAIT -> {
                execution.setVariable(ProcessVariables.CHEKT_WAIT, result.waitFor().toString());
                execution.setVariable(ProcessVariables.CHEKT_UNAVAILABLE_WAITS, result.unavailableWaits());
                execution.setVariable(ProcessVariables.CHEKT_WAITS, result.chektWaits());
                if (result.refusal() != null) {
                    answer(execution, result.refusal());
                }
            }
            case DISPATCH_NOT_TAKEN -> answer(execution, result.refusal());
            default -> {
            }
        }
    }

    /** CHeKT's answer, for the form of the task that asks an operator to call the agency. */
    private static void answer(DelegateExecution execution, SubmitDecision.Refusal answer) {
        execution.setVariable(ProcessVariables.CHEKT_STATUS, answer.status());
        execution.setVariable(ProcessVariables.CHEKT_ERROR_CODE, answer.errorCode());
        execution.setVariable(ProcessVariables.CHEKT_MESSAGE, answer.message());
        execution.setVariable(ProcessVariables.CHEKT_REQUEST_ID, answer.requestId());
    }

    private static int count(DelegateExecution execution, String variable) {
        return execution.getVariable(variable) instanceof Number n ? n.intValue() : 0;
    }

    /**
     * The one line an expected failure writes (the engine's own lines for it are demoted by
     * {@code engine.ExpectedJobFailureLogs}): which verification, how many retries the job has left after this
     * attempt, and what CHeKT answered. No stack trace: the failure is an answer, not a bug.
     */
    private static void logFailedAttempt(UUID verificationId, ChektGatewayException failure) {
        CommandContext command = Context.getCommandContext();
        JobEntity job = command == null ? null : command.getCurrentJob();
        String retriesLeft = job == null ? "not a job" : failure.isFinal() ? "not retried"
                : Math.max(0, job.getRetries() - 1) + " retries left";
        String answer = failure.httpStatus() == 0 ? "no answer from CHeKT" : "CHeKT answered " + failure.httpStatus()
                + failure.errorCode().map(code -> " " + code).orElse("");
        log.warn("Submitting the decision of verification {} failed ({}; {}): {} [request_id {}, trace id {}]",
                verificationId, answer, retriesLeft, failure.getMessage(), failure.requestId().orElse(null),
                failure.traceId().orElse(null));
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
