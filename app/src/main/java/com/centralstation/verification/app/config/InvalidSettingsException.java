package com.centralstation.verification.app.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Start-up stops on these settings; {@link InvalidSettingsFailureAnalyzer} reports them. */
public class InvalidSettingsException extends RuntimeException {

    private final List<Problem> problems;

    InvalidSettingsException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * One setting and what is wrong with it, by the names an operator writes: the kebab-case property and the
     * environment variable Spring reads it from (dots and hyphens as underscores, upper case).
     */
    public record Problem(String property, String reason) {

        public String environmentVariable() {
            return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return property + " (" + environmentVariable() + "): " + reason;
        }
    }
}
