package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the analysts' guide says a model may use runs in the sandbox and passes the guard; the member next to it
 * that the guide leaves out does not.
 */
class ModelReachTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void engine() {
        Map<Object, Object> beans = new HashMap<>();
        beans.put("escalationTimers", new Timers("PT2M"));
        // no guard: the run-time half on its own
        engine = SandboxTestEngines.engine("model-reach", Map.of(), List.of(new ModelSandbox(beans)));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Stands for {@code EscalationTimers}: a listed bean with a getter. */
    public static final class Timers {
        private final String first;

        Timers(String first) {
            this.first = first;
        }

        public String getFirst() {
            return first;
        }
    }

    @Test
    void whatTheGuideListsRunsAndPassesTheGuard() {
        String model = EscapeAttempt.process(
                "<bpmn:userTask id=\"Activity_Escape\"><bpmn:extensionElements>"
                        + listener("priorityPlus", "${classJobPriority + 200}")
                        + listener("anyContacts", "${contacts.size() > 0}")
                        + listener("firstContact", "${contacts[0]}")
                        + listener("shout", "${trigger.toUpperCase()}")
                        + listener("named", "${names['lead']}")
                        + listener("timer", "${escalationTimers.first}")
                        + listener("key", "${execution.processBusinessKey}")
                        + listener("read", "${execution.getVariable('trigger')}")
                        + listener("tomorrow", "${dateTime().plusDays(1).toDate()}")
                        + listener("now", "${now()}")
                        + "<camunda:taskListener event=\"create\" expression=\"${task.setVariable('taskName', task.name)}\" />"
                        + "</bpmn:extensionElements><bpmn:incoming>Flow_In</bpmn:incoming><bpmn:outgoing>Flow_Out</bpmn:outgoing>"
                        + "</bpmn:userTask>").get(EscapeAttempt.PROCESS);
        assertThat(new DeploymentGuard(Set.of("escalationTimers")).check("reach.bpmn", model.getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        engine.getRepositoryService().createDeployment().addString("reach.bpmn", model).deploy();

        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("escape", "bk-1", Variables.createVariables()
                .putValue("classJobPriority", 100).putValue("trigger", "motion")
                .putValue("contacts", List.of("ann", "ben")).putValue("names", Map.of("lead", "ann")));

        Map<String, Object> variables = engine.getRuntimeService().getVariables(instance.getId());
        assertThat(variables).containsEntry("priorityPlus", 300L).containsEntry("anyContacts", true)
                .containsEntry("firstContact", "ann").containsEntry("shout", "MOTION").containsEntry("named", "ann")
                .containsEntry("timer", "PT2M").containsEntry("key", "bk-1").containsEntry("read", "motion");
        assertThat(variables.get("tomorrow")).isInstanceOf(Date.class);
        assertThat(variables.get("now")).isInstanceOf(Date.class);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(engine.getTaskService().getVariable(task.getId(), "taskName")).isEqualTo(task.getName());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"${execution.getParent()}", "${execution.processInstance}", "${execution.bpmnModelInstance}",
            "${trigger.getClass()}", "${trigger.class}", "${escalationTimers.class}", "${contacts.stream()}",
            "${contacts.iterator()}", "${now().getClass()}", "${dateTime().getChronology()}"})
    void whatTheGuideLeavesOutIsRefusedWhenItRuns(String expression) {
        String model = EscapeAttempt.process("<bpmn:task id=\"Activity_Escape\"><bpmn:extensionElements>"
                + listener("probe", expression) + "</bpmn:extensionElements><bpmn:incoming>Flow_In</bpmn:incoming>"
                + "<bpmn:outgoing>Flow_Out</bpmn:outgoing></bpmn:task>").get(EscapeAttempt.PROCESS);
        String deployment = engine.getRepositoryService().createDeployment().addString("probe.bpmn", model).deploy().getId();
        try {
            assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("escape", Variables.createVariables()
                    .putValue("trigger", "motion").putValue("contacts", List.of("ann"))))
                    .hasStackTraceContaining("refused by the model sandbox");
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    private static String listener(String variable, String expression) {
        return "<camunda:executionListener event=\"start\" expression=\"${execution.setVariable('" + variable + "', "
                + expression.substring(2, expression.length() - 1) + ")}\" />";
    }
}
