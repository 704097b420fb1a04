package com.centralstation.verification.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of {@link ArchitectureRules} fails on the bad example written for it (package
 * {@code archfixture}), naming the offending class: the rules that pass on the service are not
 * passing vacuously.
 */
class ArchitectureRulesTest {

    private static final String FIXTURE = "com.centralstation.verification.archfixture";
    private static JavaClasses bad;

    @BeforeAll
    static void importTheBadExamples() {
        bad = new ClassFileImporter().importPackages(FIXTURE);
    }

    static Stream<Arguments> rulesAndTheClassEachCatches() {
        return Stream.of(
                rule("outAdaptersNeverCallUseCases", ArchitectureRules::outAdaptersNeverCallUseCases, "LinkIssuingMessenger"),
                rule("outAdaptersNeverCallUseCases", ArchitectureRules::outAdaptersNeverCallUseCases, "CamundaAlarmProcess"),
                rule("inAdaptersDoNotUseOutPorts", ArchitectureRules::inAdaptersDoNotUseOutPorts, "SendMessage"),
                rule("portsAreInterfaces", ArchitectureRules::portsAreInterfaces, "ConcreteGateway"),
                rule("domainKnowsNoUseCaseOrPort", ArchitectureRules::domainKnowsNoUseCaseOrPort, "AlarmUtil"),
                rule("appHoldsNoApplicationService", ArchitectureRules::appHoldsNoApplicationService, "DeliveryIntake"),
                rule("appHoldsNoApplicationService", ArchitectureRules::appHoldsNoApplicationService, "AlarmIntake"),
                rule("webKnowsNoAdapter", ArchitectureRules::webKnowsNoAdapter, "AlarmPage"),
                rule("inputReadingDoesNotDependOnWeb", ArchitectureRules::inputReadingDoesNotDependOnWeb, "RefusalPage"),
                rule("useCasesAreFreeOfCycles", ArchitectureRules::useCasesAreFreeOfCycles, "ExplainAlarm"),
                rule("enginePartsLiveInOnePlace", ArchitectureRules::enginePartsLiveInOnePlace, "StrayEnginePlugin"),
                rule("h2InternalsStayInStorage", ArchitectureRules::h2InternalsStayInStorage, "DatabaseFileSize"),
                rule("onlyTheSandboxDecidesWhatModelsReach", ArchitectureRules::onlyTheSandboxDecidesWhatModelsReach,
                        "EveryBeanExpressions"),
                rule("onlyTheSandboxDecidesWhatModelsReach", ArchitectureRules::onlyTheSandboxDecidesWhatModelsReach,
                        "DefaultTableEngine"),
                rule("delegatesAreNamedForTheirRole", ArchitectureRules::delegatesAreNamedForTheirRole, "SendMessage"),
                rule("portImplementationsAreNamedForTheirTechnology",
                        ArchitectureRules::portImplementationsAreNamedForTheirTechnology, "LinkIssuingMessenger"),
                rule("configurationClassesEndWithConfiguration",
                        ArchitectureRules::configurationClassesEndWithConfiguration, "Wiring"),
                rule("configurationPropertiesEndWithProperties",
                        ArchitectureRules::configurationPropertiesEndWithProperties, "Settings"),
                rule("controllersAreNamedAndPlacedAsSuch", ArchitectureRules::controllersAreNamedAndPlacedAsSuch, "Endpoints"),
                rule("noTechnicalCatchAllNames", ArchitectureRules::noTechnicalCatchAllNames, "AlarmUtil"));
    }

    @ParameterizedTest(name = "{0} catches {2}")
    @MethodSource("rulesAndTheClassEachCatches")
    void eachRuleFailsOnItsBadExample(String name, Function<String, ArchRule> rule, String offender) {
        EvaluationResult result = rule.apply(FIXTURE).evaluate(bad);

        assertThat(result.hasViolation()).as("%s finds a violation", name).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(offender));
    }

    private static Arguments rule(String name, Function<String, ArchRule> rule, String offender) {
        return Arguments.of(name, rule, offender);
    }
}
