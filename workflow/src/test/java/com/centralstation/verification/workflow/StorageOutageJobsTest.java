package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.workflow.delegate.SubmitDecisionDelegate;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * A job that runs into a database that cannot store anything (a full disk) keeps its retries and comes back a little
 * later, however long the outage lasts: an hour of full disk must not leave every job it touched as an incident.
 */
class StorageOutageJobsTest extends WorkflowTestBase {

    @Test
    void aSubmissionThatMeetsAFullDiskWaitsWithoutSpendingRetriesAndGoesThroughOnceTheDiskWrites() {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.process.decide(id, f.decision(ANN, VerificationAction.DISREGARD));
        int retriesAtFirst = submitJob(id).getRetries();
        AtomicInteger diskFullFor = new AtomicInteger(8);
        JavaDelegate submit = new SubmitDecisionDelegate(f.submitDecision);
        TestEngine.replaceBean(SubmitDecisionDelegate.BEAN_NAME, (JavaDelegate) execution -> {
            if (diskFullFor.getAndDecrement() > 0) {
                throw new IllegalStateException("could not write the audit row",
                        new SQLException("could not extend file \"base/16384/2619\": No space left on device", "53100"));
            }
            submit.execute(execution);
        });

        for (int attempt = 0; attempt < 8; attempt++) {
            assertThat(f.runDueJobs()).as("attempt %d fails", attempt).hasSize(1);
            Job waiting = submitJob(id);
            assertThat(waiting.getRetries()).as("retries after attempt %d", attempt).isEqualTo(retriesAtFirst);
            assertThat(Duration.between(f.now(), waiting.getDuedate().toInstant())).isEqualTo(Duration.ofSeconds(10));
            assertThat(f.engine.getRuntimeService().createIncidentQuery().count()).isZero();
            f.advance(Duration.ofSeconds(10));
        }
        f.executeDueJobs();

        assertThat(f.instance(id)).isEnded().hasPassed(AlarmVerificationModel.Event.DECISION_SUBMITTED);
        assertThat(f.record(id).state()).isEqualTo(VerificationState.SUBMITTED);
        assertThat(f.chekt.submitted()).hasSize(1);
    }

    private Job submitJob(UUID id) {
        return f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId())
                .activityId(AlarmVerificationModel.Activity.SUBMIT_DECISION).singleResult();
    }
}
