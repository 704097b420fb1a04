package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * The engine parses no process that injects fields ({@code camunda:field}) into a delegate: the delegates are
 * the service's shared beans, and a model setting their fields would reconfigure the service for every alarm.
 * A parse listener runs whenever the engine parses a process, a stored one after a restart included.
 */
final class NoFieldInjection extends AbstractBpmnParseListener {

    @Override
    public void parseProcess(Element process, ProcessDefinitionEntity definition) {
        refuseFields(process);
    }

    private static void refuseFields(Element element) {
        if ("field".equals(element.getTagName()) && BpmnModelCheck.CAMUNDA_BPMN.equals(element.getUri())) {
            throw new ProcessEngineException("refused by the model sandbox: the process injects the field "
                    + element.attribute("name") + " into a delegate; the service configures its delegates, models do not");
        }
        for (Element child : element.elements()) {
            refuseFields(child);
        }
    }
}
