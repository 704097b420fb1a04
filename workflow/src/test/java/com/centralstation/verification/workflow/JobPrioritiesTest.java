package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static com.centralstation.verification.workflow.WorkflowFixture.CHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The order the job executor takes jobs in when they queue up (it acquires by priority): a decision's
 * submission before any escalation, an escalation before a new alarm's first notification.
 */
class JobPrioritiesTest extends WorkflowTestBase {

    @Test
    void aNewAlarmsJobsComeLast() {
        UUID id = f.requestVerification("motion", ANN, BEN, CHO);

        assertThat(jobs(id)).extracting(this::activity, Job::getPriority)
                .containsExactly(tuple(AlarmVerificationModel.Activity.NOTIFY_FIRST_CONTACT, 100L));
    }

    @Test
    void escalationsComeBeforeNewAlarms() {
        UUID id = f.waitingVerification("motion", ANN, BEN, CHO);
        assertThat(f.timers(id)).extracting(Job::getPriority).containsExactly(200L, 200L, 200L);

        f.advance(Duration.ofMinutes(2));
        f.engine.getManagementService().executeJob(f.timers(id).get(0).getId());

        assertThat(f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId()).messages().list())
                .extracting(this::activity, Job::getPriority)
                .containsExactly(tuple(AlarmVerificationModel.Activity.NOTIFY_NEXT_CONTACT, 200L));
    }

    @Test
    void aDecisionsSubmissionComesFirstADispatchBeforeADisregard() {
        UUID dispatch = f.waitingVerification("motion", ANN, BEN);
        UUID disregard = f.waitingVerification("motion", ANN, BEN);

        f.process.decide(dispatch, f.decision(ANN, VerificationAction.DISPATCH));
        f.process.decide(disregard, f.decision(ANN, VerificationAction.DISREGARD));

        assertThat(jobs(dispatch)).extracting(this::activity, Job::getPriority)
                .containsExactly(tuple(AlarmVerificationModel.Activity.SUBMIT_DECISION, 310L));
        assertThat(jobs(disregard)).extracting(this::activity, Job::getPriority)
                .containsExactly(tuple(AlarmVerificationModel.Activity.SUBMIT_DECISION, 300L));
    }

    @Test
    void aSubmissionWaitingForChektKeepsItsPriority() {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.chekt.failNext(1, () -> new ChektGatewayException.AskedToWait("CHeKT answered 429", 429, Duration.ofSeconds(5),
                null, null, null));
        f.process.decide(id, f.decision(ANN, VerificationAction.DISPATCH));
        f.executeDueJobs();

        assertThat(jobs(id)).extracting(this::activity, Job::getPriority)
                .containsExactly(tuple(AlarmVerificationModel.Event.WAIT_FOR_CHEKT, 310L));
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
