package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

import java.time.Clock;
import java.util.Optional;

/**
 * Checks the operator's form when "Operator review" completes and turns a recorded decision into
 * the same decision variables a contact's message carries. An invalid submission throws, so the
 * completion fails with a message for the operator instead of closing the task.
 */
public final class OperatorReviewListener implements TaskListener {

    public static final String BEAN_NAME = "operatorReviewListener";

    private final Clock clock;

    public OperatorReviewListener(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        Object outcome = task.getVariable(ProcessVariables.OPERATOR_OUTCOME);
        task.setVariable(ProcessVariables.OPERATOR_ID, operator(task));
        if (ProcessVariables.OUTCOME_CLOSE_UNVERIFIED.equals(outcome)) {
            return;
        }
        VerificationAction action = Optional.ofNullable(outcome).map(String::valueOf).flatMap(VerificationAction::fromCode)
                .orElseThrow(() -> new OperatorReviewRejected("Choose an outcome: dispatch, disregard or "
                        + ProcessVariables.OUTCOME_CLOSE_UNVERIFIED + " (was '" + outcome + "')."));
        long contactId = contactId(task.getVariable(ProcessVariables.OPERATOR_CONTACT_ID));
        if (!ProcessVariables.callListContactIds(task).contains(contactId)) {
            throw new OperatorReviewRejected("Contact " + contactId + " is not on this verification's call list.");
        }
        task.setVariable(ProcessVariables.CONTACT_ID, contactId);
        task.setVariable(ProcessVariables.ACTION, action.code());
        task.setVariable(ProcessVariables.RESPONDED_AT, clock.instant().toString());
        task.setVariable(ProcessVariables.SOURCE, DecisionSource.OPERATOR.name());
    }

    private static long contactId(Object value) {
        if (value instanceof Number number && number.doubleValue() == number.longValue()) {
            return number.longValue();
        }
        if (value instanceof String text && text.strip().matches("\\d+")) {
            return Long.parseLong(text.strip());
        }
        throw new OperatorReviewRejected("Enter the contact id of the contact who decided (was '" + value + "').");
    }

    private static String operator(DelegateTask task) {
        if (task.getAssignee() != null) {
            return task.getAssignee();
        }
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current == null ? null : current.getUserId();
    }

    /** The operator's input cannot be taken as it is; the message tells them what to change. */
    public static final class OperatorReviewRejected extends ProcessEngineException {
        public OperatorReviewRejected(String message) {
            super(message);
        }
    }
}
