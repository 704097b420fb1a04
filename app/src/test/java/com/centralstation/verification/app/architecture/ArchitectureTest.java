package com.centralstation.verification.app.architecture;

import com.centralstation.verification.app.testing.ProductionClasses;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the dependencies pointing inwards (docs/architecture.md): module boundaries here, the direction
 * and naming rules inside the modules from {@link ArchitectureRules}.
 */
class ArchitectureTest {

    private static final String ROOT = ProductionClasses.ROOT;
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ProductionClasses.imported();
    }

    @Test
    void everyModuleIsOnTheClasspathOfThisTest() {
        // Guards the rules below against passing vacuously because a module's classes were not imported.
        for (String pkg : new String[]{"core.domain", "core.usecase", "core.port.out", "bpmn", "workflow.delegate",
                "workflow.process", "workflow.engine", "adapters.chekt", "adapters.notification", "adapters.persistence",
                "app.web", "app.input", "app.config", "app.metrics", "app.storage"}) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(ROOT + "." + pkg)))
                    .as("classes of %s imported", pkg).isTrue();
        }
    }

    @Test
    void coreIsPlainJava() {
        noClasses().that().resideInAPackage(ROOT + ".core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.camunda..", "org.operaton..", "feign..", "jakarta..",
                        "javax.persistence..", "com.fasterxml.jackson..", "io.micrometer..")
                .check(production);
    }

    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + ".core..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".workflow..", ROOT + ".adapters..", ROOT + ".app..")
                .check(production);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        slices().matching(ROOT + ".adapters.(*)..").should().notDependOnEachOther().check(production);
    }

    @Test
    void adaptersAndWorkflowDoNotReachOutwards() {
        noClasses().that().resideInAnyPackage(ROOT + ".adapters..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".workflow..", ROOT + ".app..")
                .check(production);
        noClasses().that().resideInAnyPackage(ROOT + ".workflow..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".adapters..", ROOT + ".app..")
                .check(production);
    }

    @Test
    void onlyTheWorkflowModuleTalksToTheEngine() {
        noClasses().that().resideInAnyPackage(ROOT + ".adapters..", ROOT + ".core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda..")
                .check(production);
        // In app only the security of the webapps and the engine REST API (Camunda's own login filter) names the
        // engine; the rest reaches it through workflow's interfaces, so a move to another engine stays in workflow
        // (docs/adr/0011-running-on-end-of-life-platforms.md).
        noClasses().that().resideInAPackage(ROOT + ".app..").and().resideOutsideOfPackage(ROOT + ".app.security..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda..")
                .check(production);
    }

    @Test
    void onlyTheChektClientTalksFeign() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".adapters.chekt..")
                .should().dependOnClassesThat().resideInAnyPackage("feign..", "org.springframework.cloud.openfeign..")
                .check(production);
    }

    @Test
    void outAdaptersNeverCallUseCases() {
        ArchitectureRules.outAdaptersNeverCallUseCases(ROOT).check(production);
    }

    @Test
    void inAdaptersDoNotUseOutPorts() {
        ArchitectureRules.inAdaptersDoNotUseOutPorts(ROOT).check(production);
    }

    @Test
    void portsAreInterfaces() {
        ArchitectureRules.portsAreInterfaces(ROOT).check(production);
    }

    @Test
    void domainKnowsNoUseCaseOrPort() {
        ArchitectureRules.domainKnowsNoUseCaseOrPort(ROOT).check(production);
    }

    @Test
    void appHoldsNoApplicationService() {
        ArchitectureRules.appHoldsNoApplicationService(ROOT).check(production);
    }

    @Test
    void webKnowsNoAdapter() {
        ArchitectureRules.webKnowsNoAdapter(ROOT).check(production);
    }

    @Test
    void inputReadingDoesNotDependOnWeb() {
        ArchitectureRules.inputReadingDoesNotDependOnWeb(ROOT).check(production);
    }

    @Test
    void useCasesAreFreeOfCycles() {
        ArchitectureRules.useCasesAreFreeOfCycles(ROOT).check(production);
    }

    @Test
    void enginePartsLiveInOnePlace() {
        ArchitectureRules.enginePartsLiveInOnePlace(ROOT).check(production);
    }

    @Test
    void h2InternalsStayInStorage() {
        ArchitectureRules.h2InternalsStayInStorage(ROOT).check(production);
    }

    @Test
    void onlyTheSandboxDecidesWhatModelsReach() {
        ArchitectureRules.onlyTheSandboxDecidesWhatModelsReach(ROOT).check(production);
    }

    @Test
    void delegatesAreNamedForTheirRole() {
        ArchitectureRules.delegatesAreNamedForTheirRole(ROOT).check(production);
    }

    @Test
    void portImplementationsAreNamedForTheirTechnology() {
        ArchitectureRules.portImplementationsAreNamedForTheirTechnology(ROOT).check(production);
    }

    @Test
    void configurationClassesEndWithConfiguration() {
        ArchitectureRules.configurationClassesEndWithConfiguration(ROOT).check(production);
    }

    @Test
    void configurationPropertiesEndWithProperties() {
        ArchitectureRules.configurationPropertiesEndWithProperties(ROOT).check(production);
    }

    @Test
    void controllersAreNamedAndPlacedAsSuch() {
        ArchitectureRules.controllersAreNamedAndPlacedAsSuch(ROOT).check(production);
    }

    @Test
    void noTechnicalCatchAllNames() {
        ArchitectureRules.noTechnicalCatchAllNames(ROOT).check(production);
    }
}
