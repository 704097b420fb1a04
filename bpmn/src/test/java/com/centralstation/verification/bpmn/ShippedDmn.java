package com.centralstation.verification.bpmn;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DMN file this module ships, read from the classpath as the engine reads it, evaluated by a DMN engine that
 * remembers which rules the last evaluation matched: what a table test needs to pin every rule.
 */
final class ShippedDmn {

    private final String file;
    private final MatchedRules matched = new MatchedRules();
    private final DmnEngine engine;

    ShippedDmn(String file) {
        this.file = file;
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(matched));
        this.engine = configuration.buildEngine();
    }

    DmnDecision decision(String key) {
        try (InputStream dmn = open()) {
            return engine.parseDecision(key, dmn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DmnDecisionResultEntries evaluate(DmnDecision decision, Map<String, Object> variables) {
        return engine.evaluateDecision(decision, variables).getSingleResult();
    }

    /** The ids of the rules the last evaluation matched, in table order. */
    List<String> lastMatchedRuleIds() {
        return matched.lastRuleIds;
    }

    DmnModelInstance model() {
        try (InputStream dmn = open()) {
            return Dmn.readModelFromStream(dmn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule id of every table in the file. */
    List<String> ruleIds() {
        return model().getModelElementsByType(Rule.class).stream().map(Rule::getId).toList();
    }

    String xml() {
        try (InputStream dmn = open()) {
            return new String(dmn.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open() {
        InputStream stream = ShippedDmn.class.getClassLoader().getResourceAsStream(file);
        assertThat(stream).as(file + " on the classpath").isNotNull();
        return stream;
    }
}
