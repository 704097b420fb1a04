package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.usecase.RecordOperatorTask;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tells the service about every user task of an alarm verification as the engine creates, assigns, completes and
 * deletes it, so the operator board knows who holds what without asking the engine. Not named in the model: the
 * engine adds it to every user task of every version ({@code OperatorTaskTracking}).
 */
public final class OperatorTaskListener implements TaskListener {

    private static final Map<String, OperatorTask.Kind> KINDS = Map.of(
            AlarmVerificationModel.Activity.OPERATOR_REVIEW, OperatorTask.Kind.REVIEW,
            AlarmVerificationModel.Activity.OPERATOR_ALERT, OperatorTask.Kind.ALERT,
            AlarmVerificationModel.Activity.DISPATCH_NOT_TAKEN, OperatorTask.Kind.AGENCY_CALL,
            AlarmVerificationModel.Activity.DISPATCH_PENDING, OperatorTask.Kind.AGENCY_CALL);

    /** The task events it listens to: a claim fires "assignment", giving a task back only "update". */
    public static final List<String> EVENTS = List.of(EVENTNAME_CREATE, EVENTNAME_ASSIGNMENT,
            EVENTNAME_UPDATE, EVENTNAME_COMPLETE, EVENTNAME_DELETE);

    private final RecordOperatorTask recordOperatorTask;

    public OperatorTaskListener(RecordOperatorTask recordOperatorTask) {
        this.recordOperatorTask = recordOperatorTask;
    }

    @Override
    public void notify(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        if (execution == null || execution.getProcessBusinessKey() == null) {
            return;
        }
        UUID verificationId = ProcessVariables.verificationId(execution.getProcessBusinessKey());
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> recordOperatorTask.opened(new OperatorTask(task.getId(), verificationId,
                    task.getProcessInstanceId(), KINDS.getOrDefault(task.getTaskDefinitionKey(), OperatorTask.Kind.OTHER),
                    task.getName(), task.getAssignee(), task.getCreateTime().toInstant()));
            case EVENTNAME_ASSIGNMENT, EVENTNAME_UPDATE ->
                    recordOperatorTask.assigned(verificationId, task.getId(), task.getAssignee(), currentUser(task));
            case EVENTNAME_COMPLETE -> recordOperatorTask.closed(verificationId, task.getId(), "completed", currentUser(task));
            case EVENTNAME_DELETE -> recordOperatorTask.closed(verificationId, task.getId(), "deleted", currentUser(task));
            default -> {
                // timeout: the task stays as it is
            }
        }
    }

    private static String currentUser(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current == null ? null : current.getUserId();
    }
}
