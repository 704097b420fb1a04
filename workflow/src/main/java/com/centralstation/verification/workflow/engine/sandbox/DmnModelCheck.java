package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules for a decision model: FEEL only (every {@code expressionLanguage}, on an entry, an input expression or
 * the whole definitions, names FEEL; the engine's defaults are FEEL), no external Java functions in any entry
 * ({@link FeelExpressions}), and a {@code historyTimeToLive} on every decision.
 */
final class DmnModelCheck {

    private static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
    private static final Set<String> FEEL = Stream.of(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE,
                    DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE,
                    DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12,
                    DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13,
                    DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14,
                    DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15)
            .map(language -> language.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    /** Entries that hold unary tests ({@code "fire","panic"}, {@code > 3}); the others hold expressions. */
    private static final Set<String> UNARY_TESTS = Set.of("inputEntry", "inputValues", "outputValues", "allowedValues");

    void check(Document document, List<Refusal> refusals) {
        NodeList elements = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < elements.getLength(); i++) {
            checkElement((Element) elements.item(i), refusals);
        }
    }

    private static void checkElement(Element element, List<Refusal> refusals) {
        String name = element.getLocalName();
        if ("decision".equals(name) && element.getAttributeNS(CAMUNDA_DMN, "historyTimeToLive").isBlank()) {
            refusals.add(Refusal.of(element, "has no historyTimeToLive (set it in Modeler: decision, History cleanup, e.g. P30D)"));
        }
        if (element.hasAttribute("expressionLanguage")) {
            String language = element.getAttribute("expressionLanguage");
            if (!FEEL.contains(language.strip().toLowerCase(Locale.ROOT))) {
                refusals.add(Refusal.of(element, "uses the expression language " + language + "; decision tables are FEEL only"));
            }
        }
        if ("text".equals(name) && element.getParentNode() instanceof Element entry) {
            FeelExpressions.refusal(ModelText.of(element), UNARY_TESTS.contains(entry.getLocalName()))
                    .ifPresent(reason -> refusals.add(Refusal.of(entry, reason)));
        }
    }
}
