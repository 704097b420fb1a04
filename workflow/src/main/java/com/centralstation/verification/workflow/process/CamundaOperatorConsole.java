package com.centralstation.verification.workflow.process;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.TaskClaim;
import com.centralstation.verification.core.port.out.OperatorConsole;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The board's calls into the engine. A claim runs as the logged-in user ({@code IdentityService.setAuthentication}
 * with their Camunda groups, cleared after), so the engine checks that user's authorizations exactly as Tasklist
 * does; an operator may claim on the board what they may claim in Tasklist, and nothing else.
 */
public final class CamundaOperatorConsole implements OperatorConsole {

    private final IdentityService identity;
    private final TaskService tasks;
    private final RuntimeService runtime;

    public CamundaOperatorConsole(IdentityService identity, TaskService tasks, RuntimeService runtime) {
        this.identity = identity;
        this.tasks = tasks;
        this.runtime = runtime;
    }

    @Override
    public TaskClaim claim(String taskId, String userId, List<String> groups) {
        try {
            return claimAs(taskId, userId, groups);
        } catch (OptimisticLockingException concurrentChange) {
            // Someone changed the task at the same moment (another claim, a completion): look again and try once more.
            return claimAs(taskId, userId, groups);
        }
    }

    private TaskClaim claimAs(String taskId, String userId, List<String> groups) {
        // Asked first, as the service (the board shows every open task to its users anyway): the engine logs a claim of a
        // task that is gone as an error of its own.
        if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
            return new TaskClaim(TaskClaim.Result.NOT_OPEN, Optional.empty());
        }
        identity.setAuthentication(userId, groups);
        try {
            tasks.claim(taskId, userId);
            return new TaskClaim(TaskClaim.Result.CLAIMED, Optional.of(userId));
        } catch (TaskAlreadyClaimedException heldAlready) {
            return new TaskClaim(TaskClaim.Result.HELD_BY_ANOTHER, Optional.ofNullable(heldAlready.getTaskAssignee()));
        } catch (AuthorizationException refused) {
            return new TaskClaim(TaskClaim.Result.REFUSED, Optional.empty());
        } catch (NullValueException noSuchTask) {
            return new TaskClaim(TaskClaim.Result.NOT_OPEN, Optional.empty());
        } finally {
            identity.clearAuthentication();
        }
    }

    @Override
    public Optional<String> processInstanceOf(UUID verificationId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(AlarmVerificationModel.PROCESS_KEY)
                .processInstanceBusinessKey(verificationId.toString()).list().stream().findFirst().map(ProcessInstance::getId);
    }
}
