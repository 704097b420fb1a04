package com.centralstation.verification.workflow;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.workflow.delegate.SubmitDecisionDelegate;
import com.centralstation.verification.workflow.engine.ExpectedJobFailureLogs;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * An outage of CHeKT writes one line per failed attempt, naming the verification, the retries left and CHeKT's
 * answer, and no stack trace; the engine's own ENGINE-16004/14006 lines for it are demoted. An unexpected failure
 * still logs the engine's lines with its stack trace.
 */
class ExpectedFailureLogsTest extends WorkflowTestBase {

    private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ExpectedJobFailureLogs filter = new ExpectedJobFailureLogs();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureTheLog() {
        filter.afterPropertiesSet();
        lines.start();
        logback.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(lines);
    }

    @AfterEach
    void releaseTheLog() {
        logback.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(lines);
        filter.destroy();
    }

    @Test
    void anOutageOfSixAttemptsWritesSixLinesAndNoStackTrace() {
        UUID id = decidedVerification();
        f.chekt.failNext(100, RecordingChektGateway::unavailable);
        lines.list.clear();

        int attempts = 0;
        while (f.engine.getRuntimeService().createIncidentQuery().count() == 0 && attempts < 10) {
            assertThat(f.runDueJobs()).hasSize(1);
            attempts++;
            Job failed = submitJob(id);
            if (failed.getRetries() > 0) {
                f.advanceTo(failed.getDuedate().toInstant());
            }
        }

        assertThat(attempts).isEqualTo(6);
        List<ILoggingEvent> warnings = lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertThat(warnings).as("one line per attempt").hasSize(6)
                .allSatisfy(line -> {
                    assertThat(line.getLoggerName()).isEqualTo(SubmitDecisionDelegate.class.getName());
                    assertThat(line.getFormattedMessage()).contains(id.toString()).contains("CHeKT answered 503");
                    assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
                });
        assertThat(warnings.get(0).getFormattedMessage()).contains("5 retries left");
        assertThat(warnings.get(5).getFormattedMessage()).contains("0 retries left");
        assertThat(lines.list).noneMatch(line -> line.getThrowableProxy() != null);
    }

    @Test
    void anUnexpectedFailureKeepsTheEnginesLinesAndItsStackTrace() {
        UUID id = decidedVerification();
        f.chekt.failNext(1, () -> {
            throw new IllegalStateException("a bug's stand-in");
        });
        lines.list.clear();

        assertThat(f.runDueJobs()).hasSize(1);

        assertThat(lines.list).anySatisfy(line -> {
            assertThat(line.getLevel().isGreaterOrEqual(Level.WARN)).isTrue();
            assertThat(line.getFormattedMessage()).startsWith("ENGINE-");
            assertThat(line.getThrowableProxy()).isNotNull();
        });
    }

    private UUID decidedVerification() {
        UUID id = f.waitingVerification("motion", ANN, BEN);
        f.process.decide(id, f.decision(ANN, VerificationAction.DISREGARD));
        assertThat(f.instance(id)).isWaitingAt(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        return id;
    }

    private Job submitJob(UUID id) {
        return f.engine.getManagementService().createJobQuery().processInstanceId(f.instance(id).getId())
                .activityId(AlarmVerificationModel.Activity.SUBMIT_DECISION).singleResult();
    }
}
