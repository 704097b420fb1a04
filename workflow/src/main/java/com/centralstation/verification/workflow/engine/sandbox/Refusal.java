package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.Problem;
import org.w3c.dom.Element;

import java.util.List;

/**
 * One reason a resource is refused, in the form Camunda's parse errors take (the REST answer, Modeler's
 * message): the element's id, or the nearest enclosing one, then why.
 */
record Refusal(String message, String elementId) implements Problem {

    static Refusal of(Element element, String reason) {
        Element named = element;
        while (named != null && named.getAttribute("id").isBlank() && named.getParentNode() instanceof Element parent) {
            named = parent;
        }
        String id = named == null || named.getAttribute("id").isBlank() ? null : named.getAttribute("id");
        return new Refusal((id == null ? element.getLocalName() : id) + " " + reason, id);
    }

    /** A refusal of the whole resource (its kind, its XML). */
    static Refusal ofResource(String reason) {
        return new Refusal(reason, null);
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public int getLine() {
        return 0;
    }

    @Override
    public int getColumn() {
        return 0;
    }

    @Override
    public String getMainElementId() {
        return elementId;
    }

    @Override
    public List<String> getElementIds() {
        return elementId == null ? List.of() : List.of(elementId);
    }
}
