package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an expression in a deployed model may reach, in one place for the run-time resolver
 * ({@link SandboxElResolver}) and the deployment guard ({@link JuelExpressions}): process variables, the
 * beans listed in {@code ModelBeans}, plain values (text, numbers, booleans, dates and durations, collections
 * and maps of them) and, of the engine's objects, the variable and identity methods of {@code execution} and
 * {@code task} and the reading methods of a decision result. Nothing else: no engine services, no class
 * objects, no reflection, no static methods.
 *
 * <p>Everything is decided by the type of the object an expression reaches into and the name of the member it
 * reads or calls, never by the text of the expression.
 */
public final class ModelReach {

    /** The engine's variable and identity methods on {@code execution}; a model changes variables, nothing else. */
    static final Set<String> EXECUTION = Set.of(
            "getVariable", "getVariableLocal", "hasVariable", "hasVariableLocal", "hasVariables", "hasVariablesLocal",
            "getVariableNames", "getVariableNamesLocal", "getVariables", "getVariablesLocal",
            "setVariable", "setVariableLocal", "removeVariable", "removeVariableLocal",
            "getId", "getProcessInstanceId", "getProcessBusinessKey", "getBusinessKey", "getProcessDefinitionId",
            "getActivityInstanceId", "getParentActivityInstanceId", "getParentId", "getCurrentActivityId",
            "getCurrentActivityName", "getCurrentTransitionId", "getEventName", "getTenantId");

    /** What a task listener or a task's expressions read of {@code task}; its execution is as above. */
    static final Set<String> TASK = Set.of(
            "getVariable", "getVariableLocal", "hasVariable", "hasVariableLocal", "getVariableNames", "getVariables",
            "getVariablesLocal", "setVariable", "setVariableLocal",
            "getId", "getName", "getDescription", "getAssignee", "getOwner", "getPriority", "getDueDate",
            "getFollowUpDate", "getCreateTime", "getTaskDefinitionKey", "getProcessInstanceId", "getProcessDefinitionId",
            "getExecutionId", "getEventName", "getTenantId", "getExecution");

    /** A business rule task's {@code decisionResult} in its output mapping (and each result's entries). */
    static final Set<String> DECISION_RESULT = Set.of(
            "getFirstResult", "getSingleResult", "collectEntries", "getResultList", "getSingleEntry",
            "getFirstEntry", "getEntry", "getEntryMap");

    /** Reading a list, set or map; what they hold is checked when an expression reaches into it. */
    static final Set<String> COLLECTION = Set.of(
            "size", "isEmpty", "contains", "containsAll", "get", "indexOf", "lastIndexOf", "subList",
            "containsKey", "containsValue", "getOrDefault", "keySet", "values", "equals", "hashCode", "toString");

    /**
     * Members no expression may name, whatever it reaches into: the way out of plain values into classes, class
     * loaders, reflection and the engine. The guard refuses them where it cannot tell the type (a value read from a
     * variable); at run time the type decides, and none of these is on any list above.
     */
    static final Set<String> NEVER = Set.of(
            "class", "getClass", "forName", "classLoader", "getClassLoader", "getDeclaringClass", "getComponentType",
            "processEngineServices", "getProcessEngineServices", "processEngine", "getProcessEngine",
            "processInstance", "getProcessInstance", "superExecution", "getSuperExecution", "bpmnModelInstance",
            "getBpmnModelInstance", "bpmnModelElementInstance", "getBpmnModelElementInstance", "getRuntime", "exec",
            "invoke", "newInstance", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods",
            "getDeclaredField", "getField", "getConstructor", "getDeclaredConstructor", "describeConstable",
            "wait", "notify", "notifyAll");

    private static final Set<String> DECISION_RESULT_AND_COLLECTION = Stream.concat(DECISION_RESULT.stream(),
            COLLECTION.stream()).collect(Collectors.toUnmodifiableSet());

    /** The functions the engine registers for expressions: the current user and its groups, the time. */
    static final Set<String> FUNCTIONS = Set.of("currentUser", "currentUserGroups", "now", "dateTime");

    /** Identifiers the engine binds to its own objects; anything else an expression names is a variable or a bean. */
    static final String EXECUTION_NAME = "execution";
    static final String TASK_NAME = "task";

    private static final Set<String> PLAIN_NUMBER_PACKAGES = Set.of("java.lang", "java.math");
    private static final String JODA = "org.joda.time.";

    private final Map<Object, Object> beans;
    private final Map<Class<?>, Set<String>> ownMethods = new ConcurrentHashMap<>();

    /** @param beans the model's beans by name, as the engine resolves them */
    ModelReach(Map<Object, Object> beans) {
        this.beans = beans;
    }

    /**
     * Why an expression may not call {@code method} (or read the property whose getter it is) on {@code base},
     * or null when it may.
     */
    String refusal(Object base, String method) {
        if (NEVER.contains(method)) {
            return method + " is never reachable from a model";
        }
        Set<String> allowed = allowedMethods(base);
        if (allowed.contains(method)) {
            return null;
        }
        return method + " is not reachable on " + describe(base) + (allowed.isEmpty() ? ""
                : " (reachable: " + allowed.stream().sorted().collect(Collectors.joining(", ")) + ")");
    }

    /** Whether a value an allowed call answered may flow on through the expression. */
    boolean mayFlow(Object value) {
        return value == null || plain(value) || value instanceof Collection<?> || value instanceof Map<?, ?>
                || value instanceof DelegateExecution || value instanceof DelegateTask || isBean(value)
                || value.getClass().isArray() && plainType(value.getClass().getComponentType());
    }

    private Set<String> allowedMethods(Object base) {
        if (base instanceof DelegateExecution) {
            return EXECUTION;
        }
        if (base instanceof DelegateTask) {
            return TASK;
        }
        if (base instanceof DmnDecisionResult || base instanceof DmnDecisionResultEntries) {
            return DECISION_RESULT_AND_COLLECTION;
        }
        if (base instanceof Collection<?> || base instanceof Map<?, ?>) {
            return COLLECTION;
        }
        if (plain(base) || isBean(base)) {
            return ownMethods.computeIfAbsent(base.getClass(), ModelReach::publicInstanceMethods);
        }
        return Set.of();
    }

    /** A bean's or a plain value's public instance methods; static ones (a value's class's) are not the value's. */
    private static Set<String> publicInstanceMethods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .map(Method::getName)
                .filter(name -> !NEVER.contains(name))
                .collect(Collectors.toUnmodifiableSet());
    }

    private boolean isBean(Object value) {
        if (beans == null) {
            return false;
        }
        for (Object name : beans.keySet()) {
            if (beans.get(name) == value) {
                return true;
            }
        }
        return false;
    }

    static boolean plain(Object value) {
        return plainType(value.getClass());
    }

    private static boolean plainType(Class<?> type) {
        if (type.isPrimitive() || type == String.class || type == Boolean.class || type == Character.class) {
            return true;
        }
        if (Number.class.isAssignableFrom(type)) {
            return PLAIN_NUMBER_PACKAGES.contains(type.getPackageName());
        }
        if (Date.class.isAssignableFrom(type) || type.isEnum()) {
            return true;
        }
        if (TemporalAccessor.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type)) {
            return type.getPackageName().equals("java.time");
        }
        // the engine's dateTime() answers a Joda DateTime
        return type.getName().startsWith(JODA) && type.getName().indexOf('.', JODA.length()) < 0
                && (implementsNamed(type, "org.joda.time.ReadableInstant") || implementsNamed(type, "org.joda.time.ReadablePartial")
                || implementsNamed(type, "org.joda.time.ReadableDuration") || implementsNamed(type, "org.joda.time.ReadablePeriod"));
    }

    private static boolean implementsNamed(Class<?> type, String interfaceName) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                if (implemented.getName().equals(interfaceName) || implementsNamed(implemented, interfaceName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Object base) {
        if (base instanceof DelegateExecution) {
            return "execution";
        }
        if (base instanceof DelegateTask) {
            return "task";
        }
        return "a " + base.getClass().getSimpleName();
    }
}
