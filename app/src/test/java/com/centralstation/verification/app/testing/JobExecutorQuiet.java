package com.centralstation.verification.app.testing;

import org.camunda.bpm.engine.ManagementService;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Waits until the job executor has nothing left to do for one process instance, before a test acts on that instance
 * itself (completes a task, raises or resolves an incident). A test acting while a job of the same instance runs
 * writes the same execution rows as the job, and one of the two transactions loses with Camunda's
 * OptimisticLockingException: the race is the test's, not the service's.
 *
 * <p>A job the executor has picked up stays in the job table until its transaction commits, and a job that creates
 * the next one does so in that same transaction, so "no executable job of the instance" means the executor is done
 * with everything due at the engine's clock. A job that failed and waits for its retry is not executable until its
 * due date and so does not hold the wait.
 */
public final class JobExecutorQuiet {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private JobExecutorQuiet() {
    }

    /** Returns once no job of the instance is due at the engine's clock (so none is running either). */
    public static void awaitNoDueJobs(ManagementService management, String processInstanceId) {
        await().atMost(PATIENCE).until(() ->
                management.createJobQuery().processInstanceId(processInstanceId).executable().count() == 0);
    }
}
