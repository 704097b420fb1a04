package com.centralstation.verification.workflow.engine.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ways an analyst's model has tried, or could try, to run code the service did not ship, each with what it would
 * do if it got through ({@link Effect}), the element the deployment guard names, and what the sandbox says when it
 * stops it at run time. Process models start with their first task ({@code Activity_Escape}); decision models
 * answer one rule ({@code LiteralExpression_Escape}).
 */
enum EscapeAttempt {

    COMMENT_SPLIT(Effect.CAMUNDA_ADMIN, "Activity_Escape", "refused by the model sandbox", inputParameter(
            "${execution.processEngin<!-- split -->eServices.identityService.createMembership('mallory', 'camunda-admin')}")),
    CDATA_SPLIT(Effect.CAMUNDA_ADMIN, "Activity_Escape", "refused by the model sandbox", inputParameter(
            "<![CDATA[${execution.processEngin]]><![CDATA[eServices.identityService.createMembership('mallory', 'camunda-admin')}]]>")),
    STRING_CONCATENATION(Effect.CAMUNDA_ADMIN, "Activity_Escape", "refused by the model sandbox", inputParameter(
            "${execution['processEngin'.concat('eServices')].identityService.createMembership('mallory', 'camunda-admin')}")),
    BRACKET_PROPERTY_ACCESS(Effect.CAMUNDA_ADMIN, "Activity_Escape", "refused by the model sandbox", listener(
            "expression=\"${execution['processEngineServices']['identityService'].createMembership('mallory', 'camunda-admin')}\"")),
    GET_CLASS_FOR_NAME(Effect.SYSTEM_PROPERTY, "Activity_Escape", "refused by the model sandbox", inputParameter(
            "${''.getClass().forName('java.lang.System').getMethod('getProperties').invoke(null).setProperty('sandbox.escaped', 'yes')}")),
    GET_PROCESS_ENGINE_SERVICES(Effect.CAMUNDA_ADMIN, "Activity_Escape", "refused by the model sandbox", process(
            "<bpmn:serviceTask id=\"Activity_Escape\" camunda:expression=\"${execution.getProcessEngineServices()"
                    + ".getIdentityService().createMembership('mallory', 'camunda-admin')}\">" + Task.FLOWS + "</bpmn:serviceTask>")),
    UNQUALIFIED_LISTENER_CLASS(Effect.PROBE_RAN, "Activity_Escape", "may not name the Java class", listener(
            "class=\"" + EscapeProbe.class.getName() + "\"")),
    UNQUALIFIED_LISTENER_DELEGATE_EXPRESSION(Effect.PROBE_RAN, "Activity_Escape", "Cannot resolve identifier 'unlistedProbe'",
            listener("delegateExpression=\"${unlistedProbe}\"")),
    SCRIPT_TASK(Effect.CAMUNDA_ADMIN, "Activity_Escape", "Can't find scripting engine for 'juel'", process(
            "<bpmn:scriptTask id=\"Activity_Escape\" scriptFormat=\"juel\">" + Task.FLOWS + "<bpmn:script>"
                    + "${execution.processEngineServices.identityService.createMembership('mallory', 'camunda-admin')}"
                    + "</bpmn:script></bpmn:scriptTask>")),
    SCRIPT_INPUT_PARAMETER(Effect.CAMUNDA_ADMIN, "Activity_Escape", "Can't find scripting engine for 'juel'", inputParameter(
            "<camunda:script scriptFormat=\"juel\">"
                    + "${execution.processEngineServices.identityService.createMembership('mallory', 'camunda-admin')}"
                    + "</camunda:script>")),
    EXTERNAL_SCRIPT_RESOURCE(Effect.CAMUNDA_ADMIN, "Activity_Escape", "Can't find scripting engine for 'juel'",
            with(inputParameter("<camunda:script scriptFormat=\"juel\" resource=\"deployment://escape.juel\" />"),
                    "escape.juel", "${execution.processEngineServices.identityService.createMembership('mallory', 'camunda-admin')}")),
    JUEL_DECISION_ENTRY(Effect.SYSTEM_PROPERTY, "LiteralExpression_Escape", "decision tables are FEEL only", decision(
            "expressionLanguage=\"juel\"", "${''.getClass().forName('java.lang.System').getMethod('getProperties')"
                    + ".invoke(null).setProperty('sandbox.escaped', 'yes')}")),
    JAVASCRIPT_DECISION_ENTRY(Effect.SYSTEM_PROPERTY, "LiteralExpression_Escape", "javascript", decision(
            "expressionLanguage=\"javascript\"", "java.lang.System.setProperty('sandbox.escaped', 'yes')")),
    FEEL_EXTERNAL_FUNCTION(Effect.SYSTEM_PROPERTY, "LiteralExpression_Escape", "External functions are disabled", decision("",
            FeelEscape.EXPRESSION));

    static final String PROCESS = "escape.bpmn";
    static final String DECISION = "escape.dmn";

    final Effect effect;
    final String namedElement;
    final String runTimeRefusal;
    final Map<String, String> resources;

    EscapeAttempt(Effect effect, String namedElement, String runTimeRefusal, Map<String, String> resources) {
        this.effect = effect;
        this.namedElement = namedElement;
        this.runTimeRefusal = runTimeRefusal;
        this.resources = resources;
    }

    boolean isDecision() {
        return resources.containsKey(DECISION);
    }

    /** A task's sequence flows in the process template (enum constants may not read the enum's own constants). */
    private static final class Task {
        static final String FLOWS = "<bpmn:incoming>Flow_In</bpmn:incoming><bpmn:outgoing>Flow_Out</bpmn:outgoing>";

        private Task() {
        }
    }

    /** A FEEL external function that sets a system property, as text and as a decision entry holds it. */
    static final class FeelEscape {
        static final String EXPRESSION = "{set: function(key, value) external {java: {class: \"java.lang.System\", "
                + "method signature: \"setProperty(String, String)\"}}, done: set(\"sandbox.escaped\", \"yes\")}.done";

        private FeelEscape() {
        }
    }

    private static Map<String, String> inputParameter(String content) {
        return process("<bpmn:task id=\"Activity_Escape\"><bpmn:extensionElements><camunda:inputOutput>"
                + "<camunda:inputParameter name=\"escape\">" + content + "</camunda:inputParameter>"
                + "</camunda:inputOutput></bpmn:extensionElements>" + Task.FLOWS + "</bpmn:task>");
    }

    private static Map<String, String> listener(String attributes) {
        return process("<bpmn:task id=\"Activity_Escape\"><bpmn:extensionElements>"
                + "<camunda:executionListener event=\"start\" " + attributes + " />"
                + "</bpmn:extensionElements>" + Task.FLOWS + "</bpmn:task>");
    }

    static Map<String, String> process(String task) {
        return Map.of(PROCESS, """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Escape" targetNamespace="http://bpmn.io/schema/bpmn">
                  <bpmn:process id="escape" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Event_Start"><bpmn:outgoing>Flow_In</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:sequenceFlow id="Flow_In" sourceRef="Event_Start" targetRef="Activity_Escape" />
                    %s
                    <bpmn:sequenceFlow id="Flow_Out" sourceRef="Activity_Escape" targetRef="Event_End" />
                    <bpmn:endEvent id="Event_End"><bpmn:incoming>Flow_Out</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(task));
    }

    private static Map<String, String> decision(String outputLanguage, String output) {
        return Map.of(DECISION, """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                    id="Definitions_Escape" name="Escape" namespace="http://camunda.org/schema/1.0/dmn">
                  <decision id="escape" name="Escape" camunda:historyTimeToLive="P1D">
                    <decisionTable id="DecisionTable_Escape">
                      <input id="Input_Any" label="any">
                        <inputExpression id="InputExpression_Any" typeRef="string"><text>"any"</text></inputExpression>
                      </input>
                      <output id="Output_Result" name="result" typeRef="string" />
                      <rule id="Rule_Escape">
                        <inputEntry id="UnaryTests_Escape"><text></text></inputEntry>
                        <outputEntry id="LiteralExpression_Escape" %s><text>%s</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(outputLanguage, output));
    }

    private static Map<String, String> with(Map<String, String> resources, String name, String content) {
        Map<String, String> all = new LinkedHashMap<>(resources);
        all.put(name, content);
        return all;
    }
}
