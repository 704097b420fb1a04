package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

import javax.xml.datatype.DatatypeFactory;

/**
 * Names the JDK's own XML datatype factory, so that the engine finds it without searching the class path. Camunda
 * parses every timer's ISO-8601 duration with a new {@link DatatypeFactory}; unless the system property
 * {@value DatatypeFactory#DATATYPEFACTORY_PROPERTY} names one, JAXP looks for a provider through the service loader
 * on every call, which in the packaged jar walks all its nested jars (1.7 % of the CPU of an alarm storm, where every
 * alarm schedules three timers). The jar ships no other provider, so the factory is the one JAXP found before; a
 * property set at start-up (a {@code -D} option) is kept.
 */
public class TimerDurationFactory extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }
}
