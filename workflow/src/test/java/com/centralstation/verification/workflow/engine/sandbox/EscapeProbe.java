package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands for any class on the service's class path that a model could name, or any Spring bean the models were
 * not given: it records being run. Public with a public constructor, as Camunda needs to build it.
 */
public class EscapeProbe implements ExecutionListener {

    static final AtomicBoolean RAN = new AtomicBoolean();

    @Override
    public void notify(DelegateExecution execution) {
        RAN.set(true);
    }
}
