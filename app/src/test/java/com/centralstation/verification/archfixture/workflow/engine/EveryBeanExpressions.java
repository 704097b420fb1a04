package com.centralstation.verification.archfixture.workflow.engine;

import org.camunda.bpm.engine.impl.el.JuelExpressionManager;

import java.util.Map;

/** Wrong: an expression manager beside the sandbox, resolving whatever it is given. */
public class EveryBeanExpressions extends JuelExpressionManager {

    public EveryBeanExpressions(Map<Object, Object> beans) {
        super(beans);
    }
}
