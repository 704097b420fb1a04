package com.centralstation.verification.workflow.engine.sandbox;

import com.centralstation.verification.workflow.ModelBeans;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.xml.ModelInstance;
import org.camunda.bpm.model.xml.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses a model that would run code the service did not ship, before the engine parses it: the deploy-time
 * half of the sandbox, whose run-time half is {@link ModelSandbox}. It reads each resource as Camunda's model
 * API parses it (XML comments dropped, text and CDATA joined, entities resolved) and checks every element,
 * every attribute (with or without the {@code camunda:} prefix) and every expression ({@link BpmnModelCheck},
 * {@link DmnModelCheck}): a delegate not in {@link ModelBeans}, a Java class, a script, a connector, an
 * injected field, a custom validator, an embedded or external form, an expression reaching beyond
 * {@link ModelReach}, a decision table in another language than FEEL or with an external function, a process
 * or decision without {@code historyTimeToLive}. Files other than BPMN, DMN and Camunda Forms are refused too.
 *
 * <p>It is the only way in. As a pre-deployer it runs in the deployment's transaction for every deployment the
 * engine parses: the service's own at start-up, an analyst's through {@code /engine-rest}, and a stored one the
 * deployment cache parses again after a restart (one deployed before a rule existed is refused then, and its
 * instances fail with an incident naming the rule, rather than run). The policy dry run reads a candidate table
 * through {@link #check} too. The refusal is a {@link ParseException}, which the engine REST API answers with
 * 400 and the message Camunda Modeler shows; nothing is deployed. A resource that is not well-formed XML, or not
 * a valid model by the BPMN or DMN schema, is refused here with the parser's message and line.
 */
public class DeploymentGuard extends AbstractProcessEnginePlugin implements Deployer {

    private static final Logger log = LoggerFactory.getLogger(DeploymentGuard.class);
    /**
     * How the model API words the XML parser's complaint ("Fatal Error: URI=null Line=3: ...", the file is not
     * well-formed) or the schema validator's ("Error: URI=null Line=3: cvc-...", it is no valid model).
     */
    private static final Pattern PARSER_MESSAGE = Pattern.compile("(?s)(Fatal )?Error: URI=\\S* Line=(\\d+): (.*)");

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
        if (deployment.getResources() == null) {
            return;
        }
        // Every resource is checked before the refusal, in name order, so that it says all that is wrong at once,
        // the same way each time (the engine keeps the resources in a hash map).
        List<String> refusedResources = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<Problem> allProblems = new ArrayList<>();
        deployment.getResources().values().stream().sorted(Comparator.comparing(ResourceEntity::getName)).forEach(resource -> {
            List<Problem> problems = check(resource.getName(), resource.getBytes());
            if (!problems.isEmpty()) {
                refusedResources.add(resource.getName());
                reasons.add(resource.getName() + ": " + problems.stream().map(Problem::getMessage).collect(Collectors.joining("; ")));
                allProblems.addAll(problems);
            }
        });
        if (refusedResources.isEmpty()) {
            return;
        }
        String refusal = String.join(" | ", reasons);
        if (!deployment.isNew()) {
            log.error("The stored deployment {} is not loaded: {}", deployment.getId(), refusal);
        }
        throw new ParseException("Deployment refused: " + refusal, String.join(", ", refusedResources), allProblems, List.of());
    }

    /** Why the resource may not be deployed, element by element; empty when it may. */
    public List<Problem> check(String resourceName, byte[] content) {
        String name = resourceName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".form")) {
            return List.of();
        }
        List<Refusal> refusals = new ArrayList<>();
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
            read(content, "BPMN", Bpmn::readModelFromStream, refusals, document -> new BpmnModelCheck(beans).check(document, refusals));
        } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
            read(content, "DMN", Dmn::readModelFromStream, refusals, document -> new DmnModelCheck().check(document, refusals));
        } else {
            refusals.add(Refusal.ofResource("only BPMN (.bpmn), DMN (.dmn) and Camunda Forms (.form) files may be deployed"));
        }
        // A script task and its script element name the same element: say it once.
        return refusals.stream().distinct().map(Problem.class::cast).toList();
    }

    private static void read(byte[] content, String kind, Function<ByteArrayInputStream, ? extends ModelInstance> parser,
                             List<Refusal> refusals, java.util.function.Consumer<Document> check) {
        ModelInstance model;
        try {
            model = parser.apply(new ByteArrayInputStream(content));
        } catch (ModelException unreadable) {
            refusals.add(Refusal.ofResource(unreadableReason(kind, unreadable)));
            return;
        }
        check.accept((Document) model.getDocument().getDomSource().getNode());
    }

    /** The XML parser's or the schema's message, with its line, as Camunda's model API reports it. */
    private static String unreadableReason(String kind, ModelException unreadable) {
        Throwable innermost = unreadable;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        String message = String.valueOf(innermost.getMessage());
        Matcher position = PARSER_MESSAGE.matcher(message);
        if (!position.matches()) {
            return "is not a valid " + kind + " file: " + message;
        }
        return (position.group(1) != null ? "is not well-formed XML" : "is not a valid " + kind + " file")
                + " (line " + position.group(2) + "): " + position.group(3);
    }
}
