package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;


import java.util.ArrayList;
import java.util.List;

/**
 * Gives every user task of a verification a name and description an operator can tell apart in Tasklist, and its
 * alarm class's priority: "FIRE (high) · Site d1/s12 · Loading Bay 5 · Operator review", the alarm's time first in
 * the description, the model's documentation after it.
 *
 * <p>A parse listener adds one create listener to each user task, so the model keeps its short task names (what
 * Modeler and Cockpit's diagram show) and a new user task is titled without an edit. A task whose model sets a
 * priority keeps it; the others get the class's ({@code classTaskPriority}) instead of Camunda's flat 50. An
 * instance started before these variables existed keeps the model's name.
 */
public class OperatorTaskTitles extends AbstractProcessEnginePlugin implements TaskListener {

    static final String SEPARATOR = " · ";


    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addTaskListener(TaskListener.EVENTNAME_CREATE, new ModelPriority(definition.getPriorityExpression() != null));
                definition.addTaskListener(TaskListener.EVENTNAME_CREATE, OperatorTaskTitles.this);
            }

            @Override
            public void parseEndEvent(Element endEventElement, ScopeImpl scope, ActivityImpl activity) {
                if (AlarmVerificationModel.Event.NO_ALERT.equals(activity.getId())) {
                    activity.addListener(ExecutionListener.EVENTNAME_START,
                            (ExecutionListener) OperatorTaskTitles::noteRepeatedAlert);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    @Override
    public void notify(DelegateTask task) {
        Object title = task.getVariable(ProcessVariables.TASK_TITLE);
        if (title == null) {
            return;
        }
        task.setName(title + SEPARATOR + task.getName());
        Object alarmTime = task.getVariable(ProcessVariables.ALARM_TIME);
        String documentation = task.getDescription() == null ? "" : "\n" + task.getDescription();
        task.setDescription("Alarm at " + alarmTime + documentation);
    }

    /**
     * Alert advice while an alert is already open (the model then opens no second task): the open task says when
     * the policy asked again, so the operator sees the verification is still waiting.
     */
    static void noteRepeatedAlert(DelegateExecution execution) {
        if (!Boolean.TRUE.equals(execution.getVariable(ProcessVariables.ALERT_OPERATOR))
                || !Boolean.TRUE.equals(execution.getVariable(ProcessVariables.OPERATOR_ALERTED))) {
            return;
        }
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        String now = ProcessVariables.utcTime(ClockUtil.getCurrentTime().toInstant());
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_ALERT).list().forEach(task -> {
                    task.setDescription("Alert advised again at " + now + " (step "
                            + execution.getVariable(ProcessVariables.ESCALATION_STEP) + ")\n" + task.getDescription());
                    tasks.saveTask(task);
                });
    }

    /** The class's task priority, unless the model set the task's own. */
    private record ModelPriority(boolean modelSetsIt) implements TaskListener {

        @Override
        public void notify(DelegateTask task) {
            if (!modelSetsIt && task.getVariable(ProcessVariables.CLASS_TASK_PRIORITY) instanceof Number priority) {
                task.setPriority(priority.intValue());
            }
        }
    }
}
