package com.centralstation.verification.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ArtifactFactory;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction and naming rules of the hexagon, for any root package, so that {@link ArchitectureTest}
 * applies them to the service and {@link ArchitectureRulesTest} proves each one fails on a small bad
 * example. Each rule says why it exists: a rule nobody can explain gets deleted, not obeyed.
 */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    // ---- direction ---------------------------------------------------------------------------------------

    /**
     * Out-adapters (persistence, CHeKT client, notification channels, the engine behind
     * {@code VerificationProcess}, metrics) serve core; when one calls a use case, the flow runs in a
     * circle and a change to one use case ripples into an adapter.
     */
    static ArchRule outAdaptersNeverCallUseCases(String root) {
        return noClasses().that().resideInAnyPackage(root + ".adapters..", root + ".workflow.process..",
                        root + ".app.metrics..")
                .should().dependOnClassesThat().resideInAPackage(root + ".core.usecase..")
                .because("an out-adapter implements a port; calling back into a use case turns the hexagon into a cycle");
    }

    /**
     * In-adapters (engine delegates, HTTP controllers) call use cases; reaching past them to an out-port
     * would skip the rules and the audit the use case applies. Port exceptions may be translated.
     */
    static ArchRule inAdaptersDoNotUseOutPorts(String root) {
        DescribedPredicate<JavaClass> outPortsOtherThanErrors = DescribedPredicate.and(
                resideInAPackage(root + ".core.port.out.."), not(assignableTo(Throwable.class)));
        return noClasses().that().resideInAnyPackage(root + ".workflow.delegate..", root + ".app.web..")
                .should().dependOnClassesThat(outPortsOtherThanErrors)
                .because("an in-adapter hands its input to a use case, which owns the rules and the audit");
    }

    /** A port is a contract an adapter fulfils; a concrete class there would be an implementation in disguise. */
    static ArchRule portsAreInterfaces(String root) {
        return classes().that().resideInAPackage(root + ".core.port..").and().areTopLevelClasses()
                .and(are(not(assignableTo(Throwable.class))))
                .should().beInterfaces()
                .because("ports are what core needs from outside, not how it is done");
    }

    /** The domain is values and rules; it knows nothing of the use cases that drive it or the ports they use. */
    static ArchRule domainKnowsNoUseCaseOrPort(String root) {
        return noClasses().that().resideInAPackage(root + ".core.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".core.usecase..", root + ".core.port..")
                .because("domain types are used by every layer and must not pull the application layer with them");
    }

    /**
     * The application's services are core's use cases. A class in {@code app} that calls an out-port or owns a
     * transaction is an application service outside the direction rules, whose rules, audit and transaction cannot
     * be tested without Spring (the webhook's intake was one). Two packages of {@code app} may touch ports: the
     * wiring ({@code app.config}, which hands ports to use cases) and the metrics out-adapter ({@code app.metrics},
     * which implements one and counts after commit). Port exceptions may be translated anywhere.
     */
    static ArchRule appHoldsNoApplicationService(String root) {
        DescribedPredicate<JavaClass> outPortsOtherThanErrors = DescribedPredicate.and(
                resideInAPackage(root + ".core.port.out.."), not(assignableTo(Throwable.class)));
        ArchRule noOutPorts = noClasses().that().resideInAPackage(root + ".app..")
                .and().resideOutsideOfPackages(root + ".app.config..", root + ".app.metrics..")
                .should().dependOnClassesThat(outPortsOtherThanErrors)
                .because("a use case in core owns the rules, the audit and the transaction; app adapts and wires");
        ArchRule noTransactions = noClasses().that().resideInAPackage(root + ".app..")
                .and().resideOutsideOfPackage(root + ".app.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.transaction..", "jakarta.transaction..")
                .because("a transaction is a use case's unit of work (the UnitOfWork port), not an annotation in app");
        return CompositeArchRule.of(noOutPorts).and(noTransactions);
    }

    /**
     * HTTP classes talk to use cases and domain types; a setting or type of an adapter or of the engine glue reached
     * from a page or an endpoint ties the web to how a port happens to be implemented (the response page once read
     * the notification adapter's settings for its time zone). Wiring hands them what they need.
     */
    static ArchRule webKnowsNoAdapter(String root) {
        return noClasses().that().resideInAPackage(root + ".app.web..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".adapters..", root + ".workflow..")
                .because("the web layer is an in-adapter: it calls use cases, and app.config wires the rest");
    }

    /** Reading our API's JSON stands below the web layer, never the other way round. */
    static ArchRule inputReadingDoesNotDependOnWeb(String root) {
        return noClasses().that().resideInAPackage(root + ".app.input..")
                .should().dependOnClassesThat().resideInAPackage(root + ".app.web..")
                .because("the web layer depends on the input reading, not the reverse");
    }

    /**
     * A use case may drive another (a response link records a decision), but two that use each other, even for a
     * constant, are one use case in two files: neither can be read, tested or moved alone. What both need (the keys
     * of an audit row, who an actor is) belongs to the domain.
     */
    static ArchRule useCasesAreFreeOfCycles(String root) {
        String useCases = root + ".core.usecase";
        return slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        if (!javaClass.getPackageName().equals(useCases)) {
                            return SliceIdentifier.ignore();
                        }
                        // a nested type (an Outcome, a Result) belongs to its use case
                        return SliceIdentifier.of(javaClass.getName().substring(useCases.length() + 1).split("\\$")[0]);
                    }

                    @Override
                    public String getDescription() {
                        return "the use cases of " + useCases + ", each with its nested types";
                    }
                })
                .should().beFreeOfCycles()
                .because("use cases that use each other cannot be understood or changed one at a time");
    }

    /** Engine plugins and engine-wide parts sit in one package, so a move to another engine touches one place. */
    static ArchRule enginePartsLiveInOnePlace(String root) {
        return classes().that().resideInAPackage(root + "..")
                .and().implement(ProcessEnginePlugin.class).or().implement(IdGenerator.class)
                .should().resideInAPackage(root + ".workflow.engine..")
                .because("engine tuning split over modules is tuning nobody finds");
    }

    /**
     * H2's own classes (its database, sessions, file store) are no API: they change between H2 versions and reach
     * past JDBC into a running database. The housekeeping and the recovery from a failed write need them; keeping
     * them in one package leaves one place to check at an H2 upgrade.
     */
    static ArchRule h2InternalsStayInStorage(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".app.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.h2.engine..", "org.h2.mvstore..",
                        "org.h2.jdbc..", "org.h2.store..")
                .because("H2's internals change between versions; one package reaches into them");
    }

    /**
     * What an expression, a script or a model-named class can reach is decided in one place, the model sandbox: no
     * other class builds an expression manager or a resolver, a script engine, an artifact factory, or a decision
     * engine (a default one evaluates JUEL entries and scripts; the process engine's is sandboxed by the engine).
     */
    static ArchRule onlyTheSandboxDecidesWhatModelsReach(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackage(root + ".workflow.engine.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine.impl.el..",
                        "org.camunda.bpm.impl.juel..", "org.camunda.bpm.engine.impl.scripting..", "javax.script..",
                        "org.camunda.bpm.dmn.engine.impl.spi.el..")
                .orShould().dependOnClassesThat().areAssignableTo(ArtifactFactory.class)
                .orShould().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("buildEngine"))
                        .and(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(assignableTo(DmnEngineConfiguration.class)))))
                .because("a second expression manager or script engine beside the sandbox would run what the sandbox refuses");
    }

    // ---- naming ------------------------------------------------------------------------------------------

    /** The model names these beans in delegateExpression and listeners; the suffix says which the bean is. */
    static ArchRule delegatesAreNamedForTheirRole(String root) {
        return classes().that().resideInAPackage(root + ".workflow.delegate..").and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("Delegate").orShould().haveSimpleNameEndingWith("Listener")
                .because("the BPMN refers to them by role: a service task's delegate or a task listener");
    }

    /** An out-port's implementation is named for the technology it adapts (JdbcAuditTrail, ChektFeignGateway). */
    static ArchRule portImplementationsAreNamedForTheirTechnology(String root) {
        return classes().that().resideOutsideOfPackage(root + ".core..")
                .and().implement(resideInAPackage(root + ".core.port.out.."))
                .should().haveSimpleNameStartingWith("Jdbc").orShould().haveSimpleNameStartingWith("ChektFeign")
                .orShould().haveSimpleNameStartingWith("Channel").orShould().haveSimpleNameStartingWith("Camunda")
                .orShould().haveSimpleNameStartingWith("Micrometer")
                .because("the port says what, the adapter's name says with what");
    }

    /** Spring wiring is found by its suffix; a configuration class named otherwise hides beans. */
    static ArchRule configurationClassesEndWithConfiguration(String root) {
        return classes().that().resideInAPackage(root + "..").and().areAnnotatedWith(Configuration.class)
                .should().haveSimpleNameEndingWith("Configuration")
                .because("every bean definition should be one search away");
    }

    /** The README's configuration tables map one to one onto these records. */
    static ArchRule configurationPropertiesEndWithProperties(String root) {
        return classes().that().resideInAPackage(root + "..").and().areAnnotatedWith(ConfigurationProperties.class)
                .should().haveSimpleNameEndingWith("Properties")
                .because("typed settings are found by their suffix");
    }

    /** HTTP entry points are controllers in the web layer (or the demo profile's own pages). */
    static ArchRule controllersAreNamedAndPlacedAsSuch(String root) {
        return classes().that().resideInAPackage(root + "..")
                .and().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().haveSimpleNameEndingWith("Controller")
                .andShould().resideInAnyPackage(root + ".app.web..", root + ".app.demo..")
                .because("what answers HTTP should be found where HTTP is");
    }

    /** Domain words over technical ones: these suffixes name no concept of an alarm station. */
    static ArchRule noTechnicalCatchAllNames(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().haveSimpleNameEndingWith("Impl").orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Manager")
                .because("a class named for what it is (CallList, ResponseLinks) tells the reader its one job");
    }
}
