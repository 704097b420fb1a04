package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.dmn.engine.impl.spi.el.ElExpression;
import org.camunda.bpm.dmn.engine.impl.spi.el.ElProvider;

/**
 * Decision tables are FEEL only: an entry in JUEL (expressionLanguage="juel", or the legacy defaults) fails
 * when it is evaluated, in the process engine and in the policy dry run alike.
 */
final class NoJuelInTables implements ElProvider {

    @Override
    public ElExpression createExpression(String expression) {
        throw new ExpressionRefused("decision tables are FEEL only; a JUEL entry is not evaluated (" + expression + ")");
    }
}
