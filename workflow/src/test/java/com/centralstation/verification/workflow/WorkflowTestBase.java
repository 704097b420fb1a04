package com.centralstation.verification.workflow;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deploys the shipped models (from the bpmn module) for each test and removes them, with their
 * instances, afterwards. ClockUtil is JVM-global: every test starts at {@link WorkflowFixture#START}
 * and resets it at the end.
 */
@Deployment(resources = {"alarm-verification.bpmn", "escalation-policy.dmn", "alarm-class.dmn", "alarm-validation.dmn",
        "operator-review.form", "dispatch-not-taken.form"})
abstract class WorkflowTestBase {

    @RegisterExtension
    static final ProcessEngineExtension engineExtension = new SharedEngineExtension();

    WorkflowFixture f;

    @BeforeEach
    void newFixture() {
        BpmnAwareTests.init(TestEngine.engine());
        f = new WorkflowFixture(TestEngine.engine());
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** The extension, shared by all test classes like the engine: it must not let go of the engine's services after one class. */
    private static final class SharedEngineExtension extends ProcessEngineExtension {
        SharedEngineExtension() {
            useProcessEngine(TestEngine.engine());
            initializeServices();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            // the engine outlives every test class
        }
    }
}
