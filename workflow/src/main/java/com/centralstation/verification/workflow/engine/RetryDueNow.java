package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a supervisor's retry of an incident run at once, whichever choice Cockpit's retry dialog is left on.
 *
 * <p>When a job spends its last retry, the engine has already given it the retry cycle's next due date (up to
 * 5 minutes ahead) before it raises the incident; Cockpit's retry dialog keeps that due date by default, so the
 * retried job waited for it with nothing on screen saying why. This plugin's failed-job incident handler raises
 * the incident as Camunda's own does and then sets the job's due date to the moment of the incident: "Keep due
 * date" then means "now", and "set due date" still lets a supervisor pick a later time.
 */
public class RetryDueNow extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<IncidentHandler> handlers = new ArrayList<>();
        if (configuration.getCustomIncidentHandlers() != null) {
            handlers.addAll(configuration.getCustomIncidentHandlers());
        }
        handlers.add(new DueNowOnIncident());
        configuration.setCustomIncidentHandlers(handlers);
    }

    static final class DueNowOnIncident extends DefaultIncidentHandler {

        DueNowOnIncident() {
            super(Incident.FAILED_JOB_HANDLER_TYPE);
        }

        @Override
        public Incident handleIncident(IncidentContext context, String message) {
            Incident incident = super.handleIncident(context, message);
            String jobId = context.getConfiguration();
            JobEntity job = jobId == null || Context.getCommandContext() == null ? null
                    : Context.getCommandContext().getJobManager().findJobById(jobId);
            if (job != null) {
                job.setDuedate(ClockUtil.getCurrentTime());
            }
            return incident;
        }
    }
}
