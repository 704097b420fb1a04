package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.workflow.ModelBeans;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses a deployment that would run code the service did not ship: a model naming a delegate bean that is not
 * in {@link ModelBeans} or any Java class, a script (script task, script listener or mapping, script condition, a
 * DMN expression in a script language), a connector, an embedded or external form (its JavaScript would run in
 * a supervisor's Tasklist), an expression reaching for Java reflection or the engine's services, or a process or
 * decision without {@code historyTimeToLive}. Files other than BPMN, DMN and Camunda Forms are refused too.
 *
 * <p>It runs before Camunda's own deployers, in the deployment's transaction, for every new deployment: the
 * service's own at start-up and an analyst's through {@code /engine-rest}. The refusal is a {@link ParseException},
 * which the engine REST API answers with 400 and the message Camunda Modeler shows; nothing is deployed.
 * A resource that is not well-formed XML is refused here too, with the XML parser's message and position
 * (Camunda's own parser would answer it with a 500).
 */
public class DeploymentGuard extends AbstractProcessEnginePlugin implements Deployer {

    static final String CAMUNDA_BPMN = "http://camunda.org/schema/1.0/bpmn";
    static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Set<String> CAMUNDA = Set.of(CAMUNDA_BPMN, CAMUNDA_DMN, "http://activiti.org/bpmn");
    private static final Pattern BEAN_REFERENCE = Pattern.compile("\\s*[$#]\\{\\s*(\\w+)\\s*}\\s*");
    /**
     * Reflection, class loading, the engine's services and the Spring context: what an expression would need to
     * leave the model's own variables and the listed beans.
     */
    private static final Pattern ESCAPING_EXPRESSION = Pattern.compile("(?i)(\\bclass\\b|getclass|forname|classloader"
            + "|processengine|invoke|newinstance|runtime|reflect|\\bjava\\.|\\bjavax\\.|environment|applicationcontext"
            + "|getbean|\\bsystem\\b|thread)");
    private static final Set<String> EXPRESSION_LANGUAGES = Set.of("feel", "juel");

    private final Set<String> beans;

    public DeploymentGuard() {
        this(ModelBeans.NAMES);
    }

    DeploymentGuard(Set<String> beans) {
        this.beans = Set.copyOf(beans);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> preDeployers = new ArrayList<>();
        if (configuration.getCustomPreDeployers() != null) {
            preDeployers.addAll(configuration.getCustomPreDeployers());
        }
        preDeployers.add(this);
        configuration.setCustomPreDeployers(preDeployers);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        // The deployment cache parses old deployments again after a restart: those were checked when they came in.
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            List<Problem> problems = check(resource.getName(), resource.getBytes());
            if (!problems.isEmpty()) {
                String reasons = problems.stream().map(Problem::getMessage).collect(Collectors.joining("; "));
                throw new ParseException("Deployment refused: " + resource.getName() + ": " + reasons,
                        resource.getName(), problems, List.of());
            }
        }
    }

    List<Problem> check(String resourceName, byte[] content) {
        String name = resourceName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".form")) {
            return List.of();
        }
        boolean bpmn = name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
        boolean dmn = name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
        if (!bpmn && !dmn) {
            return List.of(new Refusal("only BPMN (.bpmn), DMN (.dmn) and Camunda Forms (.form) files may be deployed", null));
        }
        Document document;
        try {
            document = parse(content);
        } catch (SAXParseException notXml) {
            return List.of(new Refusal("is not well-formed XML (line " + notXml.getLineNumber() + ", column "
                    + notXml.getColumnNumber() + "): " + notXml.getMessage(), null));
        } catch (SAXException | IOException notXml) {
            return List.of(new Refusal("is not well-formed XML: " + notXml.getMessage(), null));
        }
        List<Problem> problems = new ArrayList<>();
        NodeList elements = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < elements.getLength(); i++) {
            checkElement((Element) elements.item(i), problems);
        }
        // A script task and its script element name the same element: say it once.
        return problems.stream().distinct().toList();
    }

    private void checkElement(Element element, List<Problem> problems) {
        String name = element.getLocalName();
        String namespace = element.getNamespaceURI();
        if ("scriptTask".equals(name) || "script".equals(name)) {
            problems.add(refusal(element, "embeds a script; scripts are not run by this service"));
        }
        if (camunda(namespace) && "connector".equals(name)) {
            problems.add(refusal(element, "uses a connector; only the service's delegates may call out"));
        }
        if ("conditionExpression".equals(name) && !element.getAttribute("language").isBlank()) {
            problems.add(refusal(element, "has a script condition (language " + element.getAttribute("language") + ")"));
        }
        if (BPMN.equals(namespace) && "process".equals(name) && "true".equals(element.getAttribute("isExecutable"))
                && element.getAttributeNS(CAMUNDA_BPMN, "historyTimeToLive").isBlank()) {
            problems.add(refusal(element, "has no historyTimeToLive (set it in Modeler: process, History cleanup, e.g. P30D)"));
        }
        if ("decision".equals(name) && !BPMN.equals(namespace)
                && element.getAttributeNS(CAMUNDA_DMN, "historyTimeToLive").isBlank()) {
            problems.add(refusal(element, "has no historyTimeToLive (set it in Modeler: decision, History cleanup, e.g. P30D)"));
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            checkAttribute(element, (Attr) attributes.item(i), problems);
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                checkExpression(element, child.getNodeValue(), problems);
            }
        }
    }

    private void checkAttribute(Element element, Attr attribute, List<Problem> problems) {
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        String value = attribute.getValue();
        boolean camunda = camunda(attribute.getNamespaceURI());
        if (camunda && (name.equals("class") || name.equals("variableMappingClass"))) {
            problems.add(refusal(element, "names the Java class " + value + "; use one of the service's delegates: "
                    + String.join(", ", beans.stream().sorted().toList())));
        } else if (camunda && (name.equals("delegateExpression") || name.equals("variableMappingDelegateExpression"))) {
            Matcher reference = BEAN_REFERENCE.matcher(value);
            if (!reference.matches() || !beans.contains(reference.group(1))) {
                problems.add(refusal(element, "names an unknown delegate " + value + "; known delegates: "
                        + String.join(", ", beans.stream().sorted().toList())));
            }
        } else if (camunda && name.equals("formKey") && !value.startsWith("camunda-forms:")) {
            problems.add(refusal(element, "uses the form " + value + "; embedded and external forms run their own code"
                    + " in Tasklist: use a Camunda Form (camunda:formRef)"));
        } else if (name.equals("scriptFormat") || (camunda && name.equals("resource"))) {
            problems.add(refusal(element, "embeds a script; scripts are not run by this service"));
        } else if (name.equals("expressionLanguage")
                && !EXPRESSION_LANGUAGES.contains(value.strip().toLowerCase(Locale.ROOT))
                && !value.toLowerCase(Locale.ROOT).contains("/feel")) {
            problems.add(refusal(element, "uses the expression language " + value + "; only FEEL and JUEL are allowed"));
        } else {
            checkExpression(element, value, problems);
        }
    }

    private static void checkExpression(Element element, String text, List<Problem> problems) {
        if (text == null || !(text.contains("${") || text.contains("#{"))) {
            return;
        }
        Matcher escaping = ESCAPING_EXPRESSION.matcher(text);
        if (escaping.find()) {
            problems.add(refusal(element, "has an expression that reaches beyond the process's variables and the service's"
                    + " delegates ('" + escaping.group(1) + "' in " + text.strip() + ")"));
        }
    }

    private static boolean camunda(String namespace) {
        return namespace != null && CAMUNDA.contains(namespace);
    }

    private static Refusal refusal(Element element, String reason) {
        Element named = element;
        while (named != null && named.getAttribute("id").isBlank() && named.getParentNode() instanceof Element parent) {
            named = parent;
        }
        String id = named == null || named.getAttribute("id").isBlank() ? null : named.getAttribute("id");
        return new Refusal((id == null ? element.getLocalName() : id) + " " + reason, id);
    }

    private static Document parse(byte[] content) throws SAXException, IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Camunda's parser reports what is wrong with the file; stay quiet here.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(content));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One reason a resource is refused, in the form Camunda's parse errors take (REST answer, Modeler). */
    record Refusal(String message, String elementId) implements Problem {

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
}
