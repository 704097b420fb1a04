package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.usecase.CancelBySupervisor;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * When a supervisor cancels or deletes an alarm-verification instance (Cockpit, the REST API, a batch, a
 * deployment deleted with its instances), the verification becomes {@code cancelled_by_supervisor}, audited, in
 * the same transaction.
 *
 * <p>The end listener is added to every parsed version of the process as a built-in listener: Cockpit's
 * "skip custom listeners" (on by default) skips listeners written in the model, not this one, and it works at any
 * history level. It acts only on an instance that is cancelled as a whole, which only a deletion from outside does
 * (the model has no terminate end event at process level): a normal end, CHeKT's cancellation (an event sub-process
 * that completes the instance) and the terminate end events inside "Verify with contacts" do not count.
 */
public class SupervisorCancellation extends AbstractProcessEnginePlugin {

    private final Supplier<CancelBySupervisor> cancelBySupervisor;

    /** @param cancelBySupervisor looked up when an instance ends, so the engine can be built before the use case */
    public SupervisorCancellation(Supplier<CancelBySupervisor> cancelBySupervisor) {
        this.cancelBySupervisor = cancelBySupervisor;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners =
                configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                        : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (AlarmVerificationModel.PROCESS_KEY.equals(processDefinition.getKey())) {
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, endedFromOutside());
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private ExecutionListener endedFromOutside() {
        return execution -> {
            if (!isEndedFromOutside(execution) || execution.getProcessBusinessKey() == null) {
                return;
            }
            cancelBySupervisor.get().cancel(ProcessVariables.verificationId(execution.getProcessBusinessKey()),
                    supervisor(execution), ((ExecutionEntity) execution).getDeleteReason());
        };
    }

    private static boolean isEndedFromOutside(DelegateExecution execution) {
        return execution instanceof ExecutionEntity entity && entity.isProcessInstanceExecution() && entity.isCanceled();
    }

    private static String supervisor(DelegateExecution execution) {
        Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current == null ? null : current.getUserId();
    }
}
