package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.workflow.ProcessVariables;
import com.centralstation.verification.workflow.process.FirstNotificationCommits;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * When "Notify first contact" of an alarm verification ends, tells {@link FirstNotificationCommits} once its
 * transaction has committed: in that transaction the workflow reached "Await contact decision", so a decision waiting
 * on this node can be delivered now. A built-in listener, like {@link OperatorTaskTracking}: every version of the
 * model has it, and Cockpit's "skip custom listeners" does not skip it.
 */
public class FirstNotificationSignal extends AbstractProcessEnginePlugin {

    private final FirstNotificationCommits commits;

    public FirstNotificationSignal(FirstNotificationCommits commits) {
        this.commits = commits;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        ExecutionListener signal = execution -> {
            UUID verificationId = ProcessVariables.verificationId(execution.getProcessBusinessKey());
            Context.getCommandContext().getTransactionContext()
                    .addTransactionListener(TransactionState.COMMITTED, committed -> commits.committed(verificationId));
        };
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                        && AlarmVerificationModel.PROCESS_KEY.equals(definition.getKey())
                        && AlarmVerificationModel.Activity.NOTIFY_FIRST_CONTACT.equals(activity.getId())) {
                    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, signal);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
