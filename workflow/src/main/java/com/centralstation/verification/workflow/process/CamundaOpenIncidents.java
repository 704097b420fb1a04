package com.centralstation.verification.workflow.process;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import org.camunda.bpm.engine.RuntimeService;

/** {@link OpenIncidents} as the engine's incident query on the alarm-verification process. */
public final class CamundaOpenIncidents implements OpenIncidents {

    private final RuntimeService runtime;

    public CamundaOpenIncidents(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public long count() {
        return runtime.createIncidentQuery().processDefinitionKeyIn(AlarmVerificationModel.PROCESS_KEY).count();
    }
}
