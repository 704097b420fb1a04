package com.centralstation.verification.bpmn;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The constants code uses for the models' ids name elements that exist, of the kind their group says. */
class AlarmVerificationModelIdsTest {

    @Test
    void everyActivityEventAndGatewayConstantNamesAnElementOfThatKind() throws IOException {
        BpmnModelInstance model = bpmn();
        assertThat(model.<Process>getModelElementById(AlarmVerificationModel.PROCESS_KEY)).isNotNull();
        assertKind(model, AlarmVerificationModel.Activity.class, Activity.class);
        assertKind(model, AlarmVerificationModel.Event.class, Event.class);
        assertKind(model, AlarmVerificationModel.Gateway.class, Gateway.class);
    }

    @Test
    void everyFlowNodeOfTheModelHasAConstant() throws IOException {
        // The reverse direction: an element added in Modeler gets its constant before code can name it.
        Set<String> constants = new HashSet<>();
        for (Class<?> group : List.of(AlarmVerificationModel.Activity.class, AlarmVerificationModel.Event.class,
                AlarmVerificationModel.Gateway.class)) {
            constants.addAll(values(group));
        }
        Set<String> nodes = bpmn().getModelElementsByType(FlowNode.class).stream()
                .map(FlowNode::getId).collect(Collectors.toSet());
        assertThat(constants).containsExactlyInAnyOrderElementsOf(nodes);
    }

    @Test
    void theMessageConstantsAreTheModelsMessageNames() throws IOException {
        Set<String> names = bpmn().getModelElementsByType(Message.class).stream()
                .map(Message::getName).collect(Collectors.toSet());
        assertThat(values(AlarmVerificationModel.Message.class)).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void theDecisionConstantsAreDecisionsOfTheShippedTables() throws IOException {
        List<String> decisions = new ArrayList<>();
        for (String file : List.of("escalation-policy.dmn", "alarm-class.dmn", "alarm-validation.dmn")) {
            try (InputStream dmn = resource(file)) {
                DmnModelInstance model = Dmn.readModelFromStream(dmn);
                model.getModelElementsByType(Decision.class).forEach(d -> decisions.add(d.getId()));
            }
        }
        assertThat(decisions).containsAll(values(AlarmVerificationModel.Decision.class));
    }

    private static void assertKind(BpmnModelInstance model, Class<?> group, Class<?> kind) {
        List<String> ids = values(group);
        assertThat(ids).as("constants in %s", group.getSimpleName()).isNotEmpty();
        for (String id : ids) {
            Object element = model.getModelElementById(id);
            assertThat(element).as("element %s", id).isNotNull();
            assertThat(kind.isInstance(element))
                    .as("%s is a %s", id, kind.getSimpleName()).isTrue();
        }
    }

    private static List<String> values(Class<?> group) {
        return Arrays.stream(group.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(AlarmVerificationModelIdsTest::value)
                .toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static BpmnModelInstance bpmn() throws IOException {
        try (InputStream in = resource("alarm-verification.bpmn")) {
            return Bpmn.readModelFromStream(in);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = AlarmVerificationModelIdsTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("model %s on the classpath", name).isNotNull();
        return in;
    }
}
