package com.centralstation.verification.archfixture.workflow.engine;

import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;

/** Wrong: a decision engine of Camunda's defaults beside the sandbox, which evaluates a table's JUEL entries. */
public class DefaultTableEngine {

    public DmnEngine engine() {
        return DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    }
}
