package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.workflow.ModelBeans;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.springframework.beans.factory.BeanFactory;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Expressions in deployed models resolve the beans listed in {@link ModelBeans} and nothing else of the
 * service ({@code SpringProcessEngineConfiguration#setBeans}). Camunda's Spring factory builds its
 * expression manager over the whole application context before plugins run, so this plugin replaces it
 * with one over the listed beans.
 *
 * <p>The beans are looked up when an expression first names them, not when the engine is built: some
 * delegates depend (through their use cases) on the engine itself.
 */
public class ModelBeansOnly extends AbstractProcessEnginePlugin {

    private final BeanFactory beanFactory;
    private final Set<String> names;

    public ModelBeansOnly(BeanFactory beanFactory) {
        this(beanFactory, ModelBeans.NAMES);
    }

    ModelBeansOnly(BeanFactory beanFactory, Set<String> names) {
        this.beanFactory = beanFactory;
        this.names = Set.copyOf(names);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = new ListedBeans();
        configuration.setBeans(beans);
        configuration.setExpressionManager(new JuelExpressionManager(beans));
    }

    /** A read-only map of the listed bean names to the beans, resolved on use. */
    private final class ListedBeans extends AbstractMap<Object, Object> {

        @Override
        public boolean containsKey(Object key) {
            return names.contains(key);
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? beanFactory.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return names.stream().<Entry<Object, Object>>map(name -> new SimpleImmutableEntry<>(name, get(name)))
                    .collect(Collectors.toUnmodifiableSet());
        }
    }
}
