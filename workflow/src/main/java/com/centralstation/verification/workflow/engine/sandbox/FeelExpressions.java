package com.centralstation.verification.workflow.engine.sandbox;

import camundajar.impl.scala.Product;
import camundajar.impl.scala.collection.Iterable;
import camundajar.impl.scala.collection.Iterator;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.JavaFunctionInvocation;

import java.util.Optional;

/**
 * Reads a decision table's FEEL with the FEEL engine's own parser and refuses an external function (a function
 * whose body is a Java class and method, {@code function(x) external {java: {...}}}). Camunda builds its FEEL
 * engine with external functions disabled, so such an entry also fails when it is evaluated; here it is refused
 * before it is deployed, naming the entry. Text that does not parse is left to the engine, which reports it
 * when the table is evaluated.
 */
final class FeelExpressions {

    /**
     * Parsing only, never evaluating: with external functions off the FEEL parser stops at them without a syntax
     * tree, so this one reads them in order to find them.
     */
    private static final FeelEngineApi PARSER = FeelEngineBuilder.forJava().withEnabledExternalFunctions(true).build();

    private FeelExpressions() {
    }

    /**
     * @param unaryTests whether the text is an input entry (unary tests) rather than an expression
     * @return why the entry may not be deployed, or empty
     */
    static Optional<String> refusal(String text, boolean unaryTests) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        ParseResult parsed = unaryTests ? PARSER.parseUnaryTests(text) : PARSER.parseExpression(text);
        if (parsed.isFailure()) {
            parsed = unaryTests ? PARSER.parseExpression(text) : PARSER.parseUnaryTests(text);
        }
        if (parsed.isSuccess() && callsJava(parsed.parsedExpression().expression())) {
            return Optional.of("defines an external (Java) function; FEEL in decision tables calls its built-in functions only");
        }
        return Optional.empty();
    }

    /** Walks the syntax tree: its nodes are Scala case classes and collections of them. */
    private static boolean callsJava(Object node) {
        if (node instanceof JavaFunctionInvocation) {
            return true;
        }
        Iterator<?> children;
        if (node instanceof Product product) {
            children = product.productIterator();
        } else if (node instanceof Iterable<?> collection) {
            children = collection.iterator();
        } else {
            return false;
        }
        while (children.hasNext()) {
            if (callsJava(children.next())) {
                return true;
            }
        }
        return false;
    }
}
