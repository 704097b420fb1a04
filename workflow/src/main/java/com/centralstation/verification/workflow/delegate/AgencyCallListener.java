package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.core.usecase.RecordAgencyCall;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Audits the operator's call to the responding agency when "CHeKT did not take the dispatch" completes. */
public final class AgencyCallListener implements TaskListener {

    public static final String BEAN_NAME = "agencyCallListener";

    private final RecordAgencyCall recordAgencyCall;

    public AgencyCallListener(RecordAgencyCall recordAgencyCall) {
        this.recordAgencyCall = recordAgencyCall;
    }

    @Override
    public void notify(DelegateTask task) {
        Object note = task.getVariable(ProcessVariables.AGENCY_NOTE);
        recordAgencyCall.record(ProcessVariables.verificationId(task.getExecution().getProcessBusinessKey()),
                operator(task), note == null ? null : note.toString());
    }

    private static String operator(DelegateTask task) {
        if (task.getAssignee() != null) {
            return task.getAssignee();
        }
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current == null ? null : current.getUserId();
    }
}
