package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.ReadOnlyMapELResolver;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;

import java.util.Map;

/**
 * The engine's JUEL with a resolver chain that ends in the sandbox. Camunda's own chain ends in a
 * {@code BeanELResolver} that calls any public method of any object an expression reaches; this one resolves
 * names to variables and the listed beans, reads list, array and map entries, and hands every other property
 * read or method call to {@link SandboxElResolver}. The process-application and test-mock resolvers of
 * Camunda's chain are left out: the service is no process application and its tests use real beans.
 *
 * <p>Per evaluation this adds nothing to a name or an arithmetic expression ({@code ${classJobPriority + 200}}):
 * names resolve as before. A member access costs a set lookup by type and name before the reflective call the
 * engine made anyway.
 */
public final class SandboxedExpressions extends JuelExpressionManager {

    public SandboxedExpressions(Map<Object, Object> beans) {
        super(beans);
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver chain = new CompositeELResolver();
        chain.add(new VariableScopeElResolver());
        chain.add(new VariableContextElResolver());
        if (beans != null) {
            chain.add(new ReadOnlyMapELResolver(beans));
        }
        chain.add(new ArrayELResolver(true));
        chain.add(new ListELResolver(true));
        chain.add(new MapELResolver(true));
        chain.add(new SandboxElResolver(new ModelReach(beans)));
        return chain;
    }
}
