package com.centralstation.verification.workflow.engine.sandbox;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for a process model, applied to every element and every attribute of the parsed document, with or
 * without the {@code camunda:} prefix (a listener's attributes carry none), and to every expression in it, read
 * as the engine reads it ({@link JuelExpressions}).
 */
final class BpmnModelCheck {

    static final String CAMUNDA_BPMN = "http://camunda.org/schema/1.0/bpmn";
    private static final Set<String> CAMUNDA = Set.of(CAMUNDA_BPMN, "http://activiti.org/bpmn");
    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Pattern BEAN_REFERENCE = Pattern.compile("\\s*[$#]\\{\\s*(\\w+)\\s*}\\s*");
    /** Text the engine shows but never evaluates. */
    private static final Set<String> PROSE = Set.of("documentation", "text");
    /** The only {@code camunda:type} of a task: work done by an external worker, outside this service. */
    private static final String EXTERNAL_TASK = "external";

    private final List<String> beans;

    BpmnModelCheck(Set<String> beans) {
        this.beans = beans.stream().sorted().toList();
    }

    void check(Document document, List<Refusal> refusals) {
        NodeList elements = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < elements.getLength(); i++) {
            checkElement((Element) elements.item(i), refusals);
        }
    }

    private void checkElement(Element element, List<Refusal> refusals) {
        String name = element.getLocalName();
        boolean camunda = camunda(element.getNamespaceURI());
        if ("scriptTask".equals(name) || "script".equals(name)) {
            refusals.add(Refusal.of(element, "embeds a script; scripts are not run by this service"));
        }
        if (camunda && "connector".equals(name)) {
            refusals.add(Refusal.of(element, "uses a connector; only the service's delegates may call out"));
        }
        if (camunda && "field".equals(name)) {
            refusals.add(Refusal.of(element, "injects the field " + element.getAttribute("name")
                    + " into a delegate; the service configures its delegates, models do not"));
        }
        if (camunda && "constraint".equals(name) && "validator".equals(element.getAttribute("name"))) {
            refusals.add(Refusal.of(element, "uses a custom form field validator (" + element.getAttribute("config")
                    + "); use the built-in constraints (required, minlength, maxlength, min, max, readonly)"));
        }
        if (BPMN.equals(element.getNamespaceURI()) && "process".equals(name) && "true".equals(element.getAttribute("isExecutable"))
                && element.getAttributeNS(CAMUNDA_BPMN, "historyTimeToLive").isBlank()) {
            refusals.add(Refusal.of(element, "has no historyTimeToLive (set it in Modeler: process, History cleanup, e.g. P30D)"));
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            checkAttribute(element, (Attr) attributes.item(i), refusals);
        }
        if (!(BPMN.equals(element.getNamespaceURI()) && PROSE.contains(name))) {
            checkExpression(element, ModelText.of(element), refusals);
        }
    }

    private void checkAttribute(Element element, Attr attribute, List<Refusal> refusals) {
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
            return;
        }
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        String value = attribute.getValue();
        boolean camunda = camunda(attribute.getNamespaceURI());
        if (name.equals("class") || name.endsWith("Class")) {
            refusals.add(Refusal.of(element, "names the Java class " + value + " (" + name
                    + "); use one of the service's delegates: " + String.join(", ", beans)));
        } else if (name.equals("delegateExpression") || name.equals("variableMappingDelegateExpression")) {
            Matcher reference = BEAN_REFERENCE.matcher(value);
            if (!reference.matches() || !beans.contains(reference.group(1))) {
                refusals.add(Refusal.of(element, "names an unknown delegate " + value + "; known delegates: "
                        + String.join(", ", beans)));
            }
        } else if (camunda && name.equals("formKey") && !value.startsWith("camunda-forms:")) {
            refusals.add(Refusal.of(element, "uses the form " + value + "; embedded and external forms run their own"
                    + " code in Tasklist: use a Camunda Form (camunda:formRef)"));
        } else if (name.equals("scriptFormat") || (camunda && name.equals("resource"))) {
            refusals.add(Refusal.of(element, "embeds a script; scripts are not run by this service"));
        } else if (name.equals("language") && !value.isBlank()) {
            refusals.add(Refusal.of(element, "has a script condition (language " + value + "); scripts are not run by this service"));
        } else if (camunda && name.equals("type") && !EXTERNAL_TASK.equals(value.strip())) {
            refusals.add(Refusal.of(element, "is a task of type " + value + "; tasks run the service's delegates"
                    + " (delegateExpression) or an external worker (type external)"));
        } else {
            checkExpression(element, value, refusals);
        }
    }

    private static void checkExpression(Element element, String text, List<Refusal> refusals) {
        if (!JuelExpressions.isExpression(text)) {
            return;
        }
        JuelExpressions.refusal(text).ifPresent(reason -> refusals.add(Refusal.of(element,
                "has an expression that " + reason + ": " + text.strip())));
    }

    private static boolean camunda(String namespace) {
        return namespace != null && CAMUNDA.contains(namespace);
    }
}
