package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static com.centralstation.verification.workflow.WorkflowFixture.CHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The order the job executor takes jobs in when they queue up (it acquires by priority): the alarm class's
 * band first (life-safety 3000, high 2000, normal 1000), then the step within it: a decision's submission
 * (+300) before an escalation (+200), an escalation before a new alarm's first notification (+100). So every
 * life-safety job outranks every high one, every high one every normal one, and a normal alarm's DISPATCH
 * outranks every notification of a normal alarm.
 */
class JobPrioritiesTest extends WorkflowTestBase {

    @ParameterizedTest(name = "{0} {1}: class {2}")
    @CsvSource({
            "fire,   LOW,    life-safety, 3000, 100",
            "motion, HIGH,   high,        2000, 75",
            "motion, MEDIUM, normal,      1000, 50",
            "laser-tripwire, URGENT, normal, 1000, 50"})
    void aNewAlarmsFirstNotificationCarriesItsClassBandPlus100(String trigger, String priority, String alarmClass,
                                                                long band, int taskPriority) {
        UUID id = f.requestVerification(WorkflowFixture.alarm(trigger, priority), ANN, BEN, CHO);

        assertThat(f.variable(id, ProcessVariables.ALARM_CLASS)).isEqualTo(alarmClass);
        assertThat(f.record(id).verification().alarmClass().code()).isEqualTo(alarmClass);
        assertThat(jobs(id)).extracting(this::activity, Job::getPriority)
                .containsExactly(tuple(AlarmVerificationModel.Activity.NOTIFY_FIRST_CONTACT, band + 100));
        assertThat(f.variable(id, ProcessVariables.CLASS_TASK_PRIORITY)).isEqualTo(taskPriority);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"fire, LOW, 3000", "motion, HIGH, 2000", "motion, MEDIUM, 1000"})
    void escalationsCarryTheClassBandPlus200(String trigger, String priority, long band) {
        UUID id = f.requestVerification(WorkflowFixture.alarm(trigger, priority), ANN, BEN, CHO);
        f.executeDueJobs();
        assertThat(f.timers(id)).extracting(Job::getPriority).containsExactly(band + 200, band + 200, band + 200);

        f.advance(Duration.ofMinutes(2));
        f.engine.getManagementService().executeJob(f.timers(id).get(0).getId());

        assertThat(f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId()).messages().list())
                .extracting(this::activity, Job::getPriority)
                .containsExactly(tuple(AlarmVerificationModel.Activity.NOTIFY_NEXT_CONTACT, band + 200));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"fire, LOW, 3000", "motion, HIGH, 2000", "motion, MEDIUM, 1000"})
    void aDecisionsSubmissionCarriesTheClassBandPlus310ForADispatchAnd300ForADisregard(String trigger, String priority,
                                                                                       long band) {
        UUID dispatch = f.requestVerification(WorkflowFixture.alarm(trigger, priority), ANN, BEN);
        UUID disregard = f.requestVerification(WorkflowFixture.alarm(trigger, priority), ANN, BEN);
        f.executeDueJobs();

        f.process.decide(dispatch, f.decision(ANN, VerificationAction.DISPATCH));
        f.process.decide(disregard, f.decision(ANN, VerificationAction.DISREGARD));

        // a dispatch's deadline is as urgent as its submission: the task it may open asks for a call to the agency
        assertThat(jobs(dispatch)).extracting(this::activity, Job::getPriority)
                .containsExactlyInAnyOrder(tuple(AlarmVerificationModel.Activity.SUBMIT_DECISION, band + 310),
                        tuple(AlarmVerificationModel.Event.DISPATCH_DEADLINE, band + 310));
        assertThat(jobs(disregard)).extracting(this::activity, Job::getPriority)
                .containsExactly(tuple(AlarmVerificationModel.Activity.SUBMIT_DECISION, band + 300));
    }

    @Test
    void aSubmissionWaitingForChektKeepsItsPriority() {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofSeconds(5),
                null, null, null));
        f.process.decide(id, f.decision(ANN, VerificationAction.DISPATCH));
        f.executeDueJobs();

        assertThat(jobs(id)).extracting(this::activity, Job::getPriority)
                .containsExactlyInAnyOrder(tuple(AlarmVerificationModel.Event.WAIT_FOR_CHEKT, 2000L + 310), // a HIGH motion alarm: class high
                        tuple(AlarmVerificationModel.Event.DISPATCH_DEADLINE, 2000L + 310));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"fire, LOW, 100", "motion, HIGH, 75", "motion, MEDIUM, 50"})
    void theOperatorTaskCarriesTheClassTaskPriority(String trigger, String priority, int taskPriority) {
        // no contacts: every class is handed to an operator once its initial step finds nobody to call
        UUID id = f.requestVerification(WorkflowFixture.alarm(trigger, priority));
        f.executeDueJobs();

        assertThat(f.operatorTasks(id)).extracting(Task::getPriority).containsExactly(taskPriority);
    }

    private List<Job> jobs(UUID id) {
        return f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId())
                .orderByJobPriority().desc().list();
    }

    private String activity(Job job) {
        return f.engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult().getActivityId();
    }
}
