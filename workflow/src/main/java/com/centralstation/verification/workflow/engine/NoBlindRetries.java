package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.core.port.out.ChektGatewayException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Duration;
import java.util.Date;

/**
 * A job that failed because CHeKT refused the request for good ({@link ChektGatewayException#isFinal()}: 400,
 * 401 after a fresh token, 403, 404, 409, 422) becomes an incident at once instead of running through its retry
 * cycle: sending the same request again minutes later cannot succeed. A supervisor sees CHeKT's answer in the
 * incident and retries from Cockpit once the cause is fixed.
 * <p>
 * A job that failed because the database could not store anything ({@link StorageFailure}: a full disk, a closed
 * H2 file, a database refusing writes) keeps its retries and comes back after {@link #STORAGE_WAIT}: its own work
 * was fine, and an outage of minutes must not turn every job that ran into it into an incident. When even this
 * bookkeeping cannot be written (usually, since the database is down), the job stays locked and runs again once its
 * lock expires, also without spending a retry. Every other failure keeps the engine's own handling.
 */
public class NoBlindRetries extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(NoBlindRetries::retryCommand);
    }

    /** How long a job that met a storage failure waits before it runs again. */
    static final Duration STORAGE_WAIT = Duration.ofSeconds(10);

    static Command<Object> retryCommand(String jobId, Throwable failure) {
        if (isFinalRefusal(failure)) {
            return new FailAtOnce(jobId, failure);
        }
        if (StorageFailure.in(failure).isPresent()) {
            return new WaitForStorage(jobId, failure);
        }
        return new DefaultJobRetryCmd(jobId, failure);
    }

    static boolean isFinalRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ChektGatewayException chekt) {
                return chekt.isFinal();
            }
        }
        return false;
    }

    /** After a failure: unlocks the job, changes it as the subclass says, and lets acquisition know. */
    abstract static class AfterFailure extends JobRetryCmd {

        AfterFailure(String jobId, Throwable failure) {
            super(jobId, failure);
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job != null) {
                job.unlock();
                update(job);
                notifyAcquisition(commandContext);
            }
            return null;
        }

        abstract void update(JobEntity job);
    }

    /** What the engine's standard strategy does after a failure, with no retry left instead of one less. */
    static final class FailAtOnce extends AfterFailure {

        FailAtOnce(String jobId, Throwable failure) {
            super(jobId, failure);
        }

        @Override
        void update(JobEntity job) {
            logException(job);
            job.setRetries(0);
        }
    }

    /**
     * Makes the job due again a little later, retries untouched. Nothing of the failure is written (its stack trace
     * would be one more row for a database that is failing to write): the outage is logged and shown in health by the
     * service, not per job.
     */
    static final class WaitForStorage extends AfterFailure {

        WaitForStorage(String jobId, Throwable failure) {
            super(jobId, failure);
        }

        @Override
        void update(JobEntity job) {
            job.setDuedate(Date.from(ClockUtil.getCurrentTime().toInstant().plus(STORAGE_WAIT)));
        }
    }
}
