package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.core.port.out.ChektGatewayException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * A job that failed because CHeKT refused the request for good ({@link ChektGatewayException#isFinal()}: 400,
 * 401 after a fresh token, 403, 404, 409, 422) becomes an incident at once instead of running through its retry
 * cycle: sending the same request again minutes later cannot succeed. A supervisor sees CHeKT's answer in the
 * incident and retries from Cockpit once the cause is fixed. Every other failure keeps the engine's own handling.
 */
public class NoBlindRetries extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(NoBlindRetries::retryCommand);
    }

    static Command<Object> retryCommand(String jobId, Throwable failure) {
        return isFinalRefusal(failure) ? new FailAtOnce(jobId, failure) : new DefaultJobRetryCmd(jobId, failure);
    }

    static boolean isFinalRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ChektGatewayException chekt) {
                return chekt.isFinal();
            }
        }
        return false;
    }

    /** What the engine's standard strategy does after a failure, with no retry left instead of one less. */
    static final class FailAtOnce extends JobRetryCmd {

        FailAtOnce(String jobId, Throwable failure) {
            super(jobId, failure);
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job != null) {
                job.unlock();
                logException(job);
                job.setRetries(0);
                notifyAcquisition(commandContext);
            }
            return null;
        }
    }
}
