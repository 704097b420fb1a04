package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last resolver of the sandbox's chain: every property read and method call on an object that no resolver
 * before it handled (variables, beans, list and map entries) passes here, and is carried out only when
 * {@link ModelReach} allows that member on that object's type, and its answer only when it may flow on.
 * Anything else stops the expression with {@link ExpressionRefused}.
 */
final class SandboxElResolver extends ELResolver {

    private final ModelReach reach;
    private final BeanELResolver members = new BeanELResolver(true);
    /** A property's getter names ({@code first}: {@code getFirst}, {@code isFirst}), worked out once per name. */
    private final Map<String, String[]> getters = new ConcurrentHashMap<>();

    SandboxElResolver(ModelReach reach) {
        this.reach = reach;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null) {
            return null;
        }
        String name = String.valueOf(property);
        String[] getter = getters.computeIfAbsent(name, read -> new String[]{"get" + capitalized(read), "is" + capitalized(read)});
        String refusal = reach.refusal(base, getter[0]);
        if (refusal != null && reach.refusal(base, getter[1]) != null) {
            throw new ExpressionRefused("the property " + name + ": " + refusal);
        }
        return flowing(name, members.getValue(context, base, property));
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base == null) {
            return null;
        }
        String name = String.valueOf(method);
        String refusal = reach.refusal(base, name);
        if (refusal != null) {
            throw new ExpressionRefused(refusal);
        }
        return flowing(name, members.invoke(context, base, method, paramTypes, params));
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base != null) {
            throw new ExpressionRefused("an expression sets no property (" + property + "); it may set variables");
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }

    private Object flowing(String member, Object value) {
        if (!reach.mayFlow(value)) {
            throw new ExpressionRefused(member + " answered a " + value.getClass().getSimpleName()
                    + ", which a model may not hold");
        }
        return value;
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
