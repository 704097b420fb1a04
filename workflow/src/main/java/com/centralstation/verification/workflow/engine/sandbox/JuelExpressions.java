package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a model's expression the way the engine will, with JUEL's own parser (text as the XML parser delivered
 * it: comments dropped, CDATA joined), and says what in it reaches beyond {@link ModelReach}. It works on the
 * syntax tree, so spacing, nesting, brackets with a literal name and split text all come out as the member they
 * name. What it cannot know (the type of a variable's value) the run-time sandbox decides; what it can, it
 * refuses at deployment, with the reason Modeler shows:
 * <ul>
 *   <li>a member no model may name ({@link ModelReach#NEVER}: classes, reflection, the engine's services);</li>
 *   <li>on {@code execution} and {@code task}, a member outside their lists;</li>
 *   <li>a bracket whose name is computed ({@code execution['processEngin'.concat('eServices')]}): what it reads
 *       cannot be checked before it runs;</li>
 *   <li>a function other than the engine's ({@code now()}, {@code dateTime()}, {@code currentUser()},
 *       {@code currentUserGroups()}).</li>
 * </ul>
 */
final class JuelExpressions {

    /** The engine's JUEL profile (JEE6): method invocations and varargs, as {@code ExpressionFactoryImpl} parses. */
    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    /** What a part of an expression is known to be; most values are a variable's, of a type known only at run time. */
    private enum Kind { EXECUTION, TASK }

    private JuelExpressions() {
    }

    /** Whether the engine treats {@code text} as an expression rather than literal text. */
    static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** Why the expression may not be deployed, or empty when the sandbox may run it. */
    static Optional<String> refusal(String text) {
        Node root;
        try {
            root = PARSER.build(text).getRoot();
        } catch (TreeBuilderException | IllegalArgumentException unreadable) {
            return Optional.of("is not valid JUEL: " + unreadable.getMessage());
        }
        return walk(root);
    }

    private static Optional<String> walk(Node node) {
        if (node == null) {
            return Optional.empty();
        }
        // children first: the first refusal is the leftmost, as the expression reads
        for (int i = 0; i < node.getCardinality(); i++) {
            Optional<String> below = walk(node.getChild(i));
            if (below.isPresent()) {
                return below;
            }
        }
        return check(node);
    }

    private static Optional<String> check(Node node) {
        if (node instanceof AstFunction function) {
            String name = function.getName();
            return ModelReach.FUNCTIONS.contains(name) ? Optional.empty()
                    : Optional.of("calls the function " + name + "(); expressions may call only " + sorted(ModelReach.FUNCTIONS));
        }
        if (node instanceof AstMethod method) {
            return member(method.getChild(0), true);
        }
        if (node instanceof AstDot || node instanceof AstBracket) {
            return member(node, false);
        }
        return Optional.empty();
    }

    /** A property read ({@code a.b}, {@code a['b']}) or, when {@code called}, the member a method call names. */
    private static Optional<String> member(Node access, boolean called) {
        Optional<String> name = memberName(access);
        if (name.isEmpty()) {
            return access.getChild(1) instanceof AstNumber ? Optional.empty()
                    : Optional.of("computes the name of what it reads (a bracket around an expression); name the member"
                    + " or variable itself");
        }
        Set<String> methods = called ? Set.of(name.get()) : Set.of(name.get(), "get" + capitalized(name.get()),
                "is" + capitalized(name.get()));
        for (String method : methods) {
            if (ModelReach.NEVER.contains(method)) {
                return Optional.of("reaches for " + name.get() + ", which no model may use");
            }
        }
        EnumSet<Kind> kinds = kinds(access.getChild(0));
        if (kinds.contains(Kind.EXECUTION) && methods.stream().noneMatch(ModelReach.EXECUTION::contains)) {
            return Optional.of("reaches for execution." + name.get() + "; of execution a model may use "
                    + sorted(ModelReach.EXECUTION));
        }
        if (kinds.contains(Kind.TASK) && methods.stream().noneMatch(ModelReach.TASK::contains)) {
            return Optional.of("reaches for task." + name.get() + "; of task a model may use " + sorted(ModelReach.TASK));
        }
        return Optional.empty();
    }

    /** The member a dot or a bracket with a literal names; empty for a computed bracket or an index. */
    private static Optional<String> memberName(Node access) {
        if (access instanceof AstDot dot) {
            // AstDot keeps its name to itself; its text form is ". name"
            return Optional.of(dot.toString().substring(2));
        }
        if (access instanceof AstBracket && access.getChild(1) instanceof AstString literal) {
            return Optional.of(String.valueOf(literal.eval(null, null)));
        }
        return Optional.empty();
    }

    /** What an expression part may be: the engine's execution or task, seen through parentheses and choices. */
    private static EnumSet<Kind> kinds(Node node) {
        EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (node instanceof AstIdentifier identifier) {
            if (ModelReach.EXECUTION_NAME.equals(identifier.getName())) {
                kinds.add(Kind.EXECUTION);
            } else if (ModelReach.TASK_NAME.equals(identifier.getName())) {
                kinds.add(Kind.TASK);
            }
        } else if (node instanceof AstNested nested) {
            kinds.addAll(kinds(nested.getChild(0)));
        } else if (node instanceof AstChoice choice) {
            kinds.addAll(kinds(choice.getChild(1)));
            kinds.addAll(kinds(choice.getChild(2)));
        } else if (node instanceof AstDot || node instanceof AstBracket || node instanceof AstMethod) {
            Node access = node instanceof AstMethod method ? method.getChild(0) : node;
            Optional<String> name = memberName(access);
            if (kinds(access.getChild(0)).contains(Kind.TASK) && name.isPresent()
                    && (name.get().equals("execution") || name.get().equals("getExecution"))) {
                kinds.add(Kind.EXECUTION);
            }
        }
        return kinds;
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static String sorted(Set<String> names) {
        return names.stream().sorted().toList().toString();
    }
}
