package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small in-memory engines for the sandbox's tests, each on an H2 database of its own, with the user {@code mallory}
 * and the group {@code camunda-admin} an escape would join her to ({@link Effect#CAMUNDA_ADMIN}).
 */
final class SandboxTestEngines {

    private SandboxTestEngines() {
    }

    /**
     * @param beans   what expressions may name, as the engine's {@code beans}
     * @param plugins {@link ModelSandbox} for the sandbox, none for Camunda as it comes
     */
    static ProcessEngine engine(String name, Map<Object, Object> beans, List<ProcessEnginePlugin> plugins) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setJobExecutorActivate(false);
        configuration.setBeans(new HashMap<>(beans));
        configuration.setProcessEnginePlugins(plugins);
        ProcessEngine engine = configuration.buildProcessEngine();
        engine.getIdentityService().saveUser(engine.getIdentityService().newUser("mallory"));
        engine.getIdentityService().saveGroup(engine.getIdentityService().newGroup("camunda-admin"));
        return engine;
    }
}
