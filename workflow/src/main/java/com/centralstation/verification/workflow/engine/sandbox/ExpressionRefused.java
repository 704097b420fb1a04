package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.impl.juel.jakarta.el.ELException;

/**
 * An expression reached for something a model may not reach ({@link ModelReach}). The engine reports it as the
 * expression's failure: the job fails and shows as an incident naming the expression, and nothing it would have
 * done happens.
 */
public final class ExpressionRefused extends ELException {

    ExpressionRefused(String reason) {
        super("refused by the model sandbox: " + reason);
    }
}
