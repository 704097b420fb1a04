package com.centralstation.verification.workflow.engine.sandbox;

import com.centralstation.verification.workflow.ModelBeans;
import org.springframework.beans.factory.BeanFactory;

import java.util.AbstractMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The beans listed in {@link ModelBeans}, by name, as a read-only map for the engine: the only Spring beans a
 * model's expressions resolve. Camunda's Spring integration would otherwise resolve every bean of the service
 * ({@code ${environment.getProperty('chekt.client-secret')}}).
 *
 * <p>The beans are looked up when an expression first names them, not when the engine is built: some
 * delegates depend (through their use cases) on the engine itself.
 */
public final class ListedBeans extends AbstractMap<Object, Object> {

    private final BeanFactory beanFactory;
    private final Set<String> names;
    private final Set<Object> keys;

    public ListedBeans(BeanFactory beanFactory) {
        this(beanFactory, ModelBeans.NAMES);
    }

    ListedBeans(BeanFactory beanFactory, Set<String> names) {
        this.beanFactory = beanFactory;
        this.names = Set.copyOf(names);
        this.keys = Set.copyOf(names);
    }

    @Override
    public boolean containsKey(Object key) {
        return names.contains(key);
    }

    @Override
    public Object get(Object key) {
        return containsKey(key) ? beanFactory.getBean((String) key) : null;
    }

    @Override
    public Set<Object> keySet() {
        return keys;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return names.stream().<Entry<Object, Object>>map(name -> new SimpleImmutableEntry<>(name, get(name)))
                .collect(Collectors.toUnmodifiableSet());
    }
}
