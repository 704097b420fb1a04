package com.centralstation.verification.archfixture.app.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;

/** Wrong: an engine plugin outside workflow.engine. */
public class StrayEnginePlugin extends AbstractProcessEnginePlugin {
}
