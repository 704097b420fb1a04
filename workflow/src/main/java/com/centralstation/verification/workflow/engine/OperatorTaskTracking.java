package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.workflow.delegate.OperatorTaskListener;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Adds {@link OperatorTaskListener} to every user task of every parsed version of the alarm-verification process, as a
 * built-in listener: an analyst's model need not name it (and cannot forget it), and Cockpit's "skip custom
 * listeners" does not skip it, so a task deleted with its instance leaves the board too.
 */
public class OperatorTaskTracking extends AbstractProcessEnginePlugin {

    private final Supplier<OperatorTaskListener> listener;

    /** @param listener looked up when a task event fires, so the engine can be built before the use case behind it */
    public OperatorTaskTracking(Supplier<OperatorTaskListener> listener) {
        this.listener = listener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        TaskListener tracking = this::notify;
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                        && AlarmVerificationModel.PROCESS_KEY.equals(definition.getKey())
                        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    OperatorTaskListener.EVENTS.forEach(event -> userTask.getTaskDefinition().addBuiltInTaskListener(event, tracking));
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private void notify(DelegateTask task) {
        listener.get().notify(task);
    }
}
