package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * Tasklist tasks for the supervisors about the service itself rather than about an alarm (the disk filling up):
 * where supervisors already look on a station's night, with nothing to install. A task stands alone (no process), is
 * offered to the supervisors group (Camunda then lets the group read and complete it) and stays until a supervisor
 * completes it, so a warning that passed at 3 a.m. is still there in the morning.
 */
public class SupervisorTasks {

    /** Tasklist shows higher first; as high as a life-safety operator task. */
    static final int PRIORITY = 100;

    private final TaskService tasks;
    private final String supervisors;

    public SupervisorTasks(TaskService tasks, RoleProperties roles) {
        this.tasks = tasks;
        this.supervisors = roles.supervisors();
    }

    /**
     * Opens a task with this name for the supervisors, unless one with the same name is still open.
     *
     * @return whether a task was opened
     */
    public boolean openOnce(String name, String description) {
        if (tasks.createTaskQuery().taskName(name).count() > 0) {
            return false;
        }
        Task task = tasks.newTask();
        task.setName(name);
        task.setDescription(description);
        task.setPriority(PRIORITY);
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), supervisors);
        return true;
    }
}
