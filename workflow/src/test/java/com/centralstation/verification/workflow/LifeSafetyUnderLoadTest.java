package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.VerificationAction;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static com.centralstation.verification.workflow.WorkflowFixture.DEE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A storm's backlog, with the engine's own job executor running (acquisition by priority, as in the
 * service): a fire alarm is with an operator the moment intake returns, and its work and a contact's
 * DISPATCH overtake hundreds of queued notifications of normal alarms.
 */
@Tag("slow-scenario") // a load test: the profile slow-scenarios runs it, the suite leaves it out
class LifeSafetyUnderLoadTest extends WorkflowTestBase {

    private static final int BACKLOG = 500;
    /** Jobs the executor may already hold (acquired, queued, running) when the urgent job arrives; the engine defaults are 3 each. */
    private static final int ALREADY_TAKEN = 30;

    private JobExecutor jobExecutor;

    @BeforeEach
    void theEnginesJobExecutor() {
        jobExecutor = ((ProcessEngineConfigurationImpl) f.engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    /** With the job executor running; stopped before the test ends, so removing the deployment races no job. */
    private void whileTheJobExecutorRuns(ThrowingRunnable test) throws Throwable {
        jobExecutor.start();
        try {
            test.run();
        } finally {
            jobExecutor.shutdown();
        }
    }

    /** Runs in the test (the models are deployed after {@code @BeforeEach}). */
    private void normalAlarmsQueueUp() {
        // Ann stands for every normal alarm's contact; Dee is only ever the urgent alarm's.
        IntStream.range(0, BACKLOG).forEach(i -> f.requestVerification(WorkflowFixture.alarm("motion", "LOW"), ANN, BEN));
        assertThat(queuedFirstNotifications()).isEqualTo(BACKLOG);
    }

    @Test
    void aFireAlarmIsWithAnOperatorWhenIntakeReturnsAndItsJobsOvertakeTheBacklog() throws Throwable {
        normalAlarmsQueueUp();
        whileTheJobExecutorRuns(() -> {
            UUID fire = f.requestVerification(WorkflowFixture.alarm("fire", "MEDIUM"), DEE, BEN);

            assertThat(f.operatorTasks(fire)).as("operator task when intake returns").singleElement()
                    .extracting(Task::getPriority).isEqualTo(100);
            int normalsNotifiedAtIntake = normalAlarmsNotified();
            assertThat(normalsNotifiedAtIntake).as("backlog still queued at intake").isLessThan(BACKLOG - ALREADY_TAKEN);

            await().atMost(Duration.ofSeconds(30)).until(() -> f.notifier.contactIdsNotified().contains(DEE.contactId()));

            int normalsNotifiedBeforeFire = f.notifier.contactIdsNotified().indexOf(DEE.contactId());
            assertThat(normalsNotifiedBeforeFire - normalsNotifiedAtIntake)
                    .as("normal notifications run between the fire's intake and its first notification")
                    .isLessThanOrEqualTo(ALREADY_TAKEN);
            assertThat(normalsNotifiedBeforeFire).as("the backlog was not drained first").isLessThan(BACKLOG - ALREADY_TAKEN);
        });
    }

    @Test
    void aDispatchOfANormalAlarmIsSubmittedBeforeTheBacklogOfNormalNotifications() throws Throwable {
        UUID decided = f.requestVerification(WorkflowFixture.alarm("motion", "LOW"), DEE, BEN);
        f.engine.getManagementService().executeJob(f.engine.getManagementService().createJobQuery()
                .processInstanceId(f.instance(decided).getId()).singleResult().getId());
        normalAlarmsQueueUp();
        f.process.decide(decided, f.decision(DEE, VerificationAction.DISPATCH));

        whileTheJobExecutorRuns(() -> {
            await().atMost(Duration.ofSeconds(30)).until(() -> !f.chekt.submitted().isEmpty());

            int normalsNotifiedBeforeSubmission = normalAlarmsNotified();
            assertThat(f.chekt.submitted()).singleElement().satisfies(s -> assertThat(s.verification().verificationId()).isEqualTo(decided));
            assertThat(normalsNotifiedBeforeSubmission).as("normal first notifications run before the DISPATCH's submission")
                    .isLessThanOrEqualTo(ALREADY_TAKEN);
        });
    }

    private int normalAlarmsNotified() {
        return (int) f.notifier.contactIdsNotified().stream().filter(id -> id == ANN.contactId()).count();
    }

    private long queuedFirstNotifications() {
        return f.engine.getManagementService().createJobQuery()
                .activityId(AlarmVerificationModel.Activity.NOTIFY_FIRST_CONTACT).count();
    }

    private interface ThrowingRunnable {
        void run() throws Throwable;
    }
}
