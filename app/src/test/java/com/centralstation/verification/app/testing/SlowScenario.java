package com.centralstation.verification.app.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A scenario that takes minutes rather than seconds: the packaged service killed and restarted, a two-node cluster, a
 * storm, a million-step replay. The suite ({@code ./mvnw -B verify}) leaves these out so that it stays quick to run
 * often; {@code ./mvnw -B verify -Pslow-scenarios} runs them and nothing else, and CI runs both ({@code .ci/run}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(SlowScenario.TAG)
public @interface SlowScenario {

    /** The JUnit tag the build selects on (the root pom's {@code tests.groups} / {@code tests.excludedGroups}). */
    String TAG = "slow-scenario";
}
