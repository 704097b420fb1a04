package com.centralstation.verification.app.config;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.validation.beanvalidation.SpringConstraintValidatorFactory;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds and validates every settings record of this service in one pass, before any bean is made (so before the
 * datasource, Flyway and the engine touch the database or create the data directory), and stops start-up with
 * every problem at once instead of one per restart. Spring binds the records again when it makes their beans; this
 * pass only reads.
 *
 * <p>The records are the service's own {@code @ConfigurationProperties} bean definitions, so a channel's settings
 * are checked only when the channel is enabled, exactly as they are bound.
 */
final class SettingsValidation implements BeanFactoryPostProcessor, PriorityOrdered {

    private static final String OWN_PACKAGE = "com.centralstation.verification.";
    /** A message that starts with the property it is about, e.g. "chekt.client-secret must be set when ...". */
    private static final Pattern LEADING_PROPERTY = Pattern.compile("^([a-z0-9-]+(\\.[a-z0-9-]+)+) (.+)$", Pattern.DOTALL);

    private final Environment environment;

    SettingsValidation(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<Class<?>> records = Arrays.stream(beanFactory.getBeanDefinitionNames())
                .map(beanFactory::getBeanDefinition).map(BeanDefinition::getBeanClassName)
                .filter(name -> name != null && name.startsWith(OWN_PACKAGE))
                .<Class<?>>map(name -> ClassUtils.resolveClassName(name, beanFactory.getBeanClassLoader()))
                .filter(type -> AnnotatedElementUtils.hasAnnotation(type, ConfigurationProperties.class))
                .distinct().toList();
        List<InvalidSettingsException.Problem> problems = check(records, beanFactory);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    List<InvalidSettingsException.Problem> check(List<Class<?>> records, AutowireCapableBeanFactory beanFactory) {
        Binder binder = Binder.get(environment);
        List<InvalidSettingsException.Problem> problems = new ArrayList<>();
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.setMessageInterpolator(new MessageInterpolatorFactory().getObject());
            // As Spring's own binding does: the records' validators are package-private classes.
            validator.setConstraintValidatorFactory(new SpringConstraintValidatorFactory(beanFactory));
            validator.afterPropertiesSet();
            for (Class<?> type : records) {
                ConfigurationProperties annotation = AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class);
                String prefix = annotation.prefix();
                boolean validated = AnnotatedElementUtils.hasAnnotation(type, Validated.class);
                try {
                    binder.bindOrCreate(prefix, Bindable.of(type), validated
                            ? new ValidationBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler(), validator)
                            : new IgnoreTopLevelConverterNotFoundBindHandler());
                } catch (BindException failure) {
                    problems.addAll(problemsOf(type, prefix, failure));
                }
            }
        }
        // One property can break two rules (blank and too short): property, then reason, keeps the report stable.
        problems.sort(Comparator.comparing(InvalidSettingsException.Problem::property)
                .thenComparing(InvalidSettingsException.Problem::reason));
        return problems;
    }

    private static List<InvalidSettingsException.Problem> problemsOf(Class<?> type, String prefix, BindException failure) {
        if (failure.getCause() instanceof BindValidationException invalid) {
            return invalid.getValidationErrors().getAllErrors().stream()
                    .map(error -> problemOf(type, prefix, error)).toList();
        }
        Object value = failure.getProperty() == null ? null : failure.getProperty().getValue();
        if (value == null) {
            return List.of(problemOf(failure.getName().toString(), reason(failure)));
        }
        return List.of(new InvalidSettingsException.Problem(failure.getName().toString(),
                "cannot be read from '" + value + "'" + expected(failure)));
    }

    /** The property a message starts with, when it names one under {@code prefix}, else the prefix itself. */
    private static InvalidSettingsException.Problem problemOf(String prefix, String message) {
        Matcher leading = LEADING_PROPERTY.matcher(message);
        if (leading.matches() && leading.group(1).startsWith(prefix)) {
            return new InvalidSettingsException.Problem(leading.group(1), leading.group(3));
        }
        return new InvalidSettingsException.Problem(prefix, message);
    }

    /** What the record said about the values it was given (its constructor's own check), else the binder's failure. */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    private static String expected(BindException failure) {
        Class<?> target = failure.getTarget().getType().resolve();
        return target == null ? "" : " as " + target.getSimpleName();
    }

    private static InvalidSettingsException.Problem problemOf(Class<?> type, String prefix, ObjectError error) {
        String message = String.valueOf(error.getDefaultMessage());
        if (error instanceof FieldError field && isComponent(type, field.getField())
                && !LEADING_PROPERTY.matcher(message).matches()) {
            return new InvalidSettingsException.Problem(prefix + "." + DataObjectPropertyName.toDashedForm(field.getField()), message);
        }
        return problemOf(prefix, message);
    }

    /** A record's own setting, rather than a rule about several of them written as an {@code isXxx()} check. */
    private static boolean isComponent(Class<?> type, String field) {
        String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        RecordComponent[] components = type.getRecordComponents();
        return components == null || Arrays.stream(components).anyMatch(component -> component.getName().equals(top));
    }
}
