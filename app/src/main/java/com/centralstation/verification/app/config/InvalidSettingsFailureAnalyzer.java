package com.centralstation.verification.app.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/** Spring Boot's start-up failure report for {@link InvalidSettingsException}: every setting, one line each. */
class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        // A setting that breaks two rules is one setting to fix, listed with both reasons.
        long count = cause.problems().stream().map(InvalidSettingsException.Problem::property).distinct().count();
        String description = (count == 1 ? "1 setting is" : count + " settings are") + " missing or invalid:\n\n"
                + cause.problems().stream().map(problem -> "    " + problem)
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis(description, "Set each of them, as a property or as its environment variable "
                + "(shown in brackets), and start again. docs/configuration.md describes every setting.", cause);
    }
}
