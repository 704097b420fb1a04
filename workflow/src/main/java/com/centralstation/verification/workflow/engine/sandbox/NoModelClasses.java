package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.ArtifactFactory;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * The engine builds no object of a class a model names ({@code camunda:class} or an unqualified {@code class} on
 * a listener, {@code camunda:variableMappingClass}, a shell or mail task): models run the service's listed
 * delegates, through {@code delegateExpression}. Camunda's Spring factory would hand out any Spring bean of the
 * named type, or build the class by its constructor.
 */
final class NoModelClasses implements ArtifactFactory {

    @Override
    public <T> T getArtifact(Class<T> type) {
        throw new ProcessEngineException("a model may not name the Java class " + type.getName()
                + ": models run the service's delegates, named by delegateExpression");
    }
}
