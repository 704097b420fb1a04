package com.centralstation.verification.app.config;

import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import com.centralstation.verification.app.web.respond.ResponsePageController;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;

/**
 * The OpenAPI document at {@code /v3/api-docs} (and Swagger UI): springdoc finds the endpoints in the controllers,
 * {@code openapi/api-description.yaml} says what they mean. The controllers read raw bodies and answer maps, so the
 * bodies, examples and problem answers live in that file rather than in annotations on every handler.
 */
@Configuration
public class ApiDocumentationConfiguration {

    static final String DESCRIPTION = "openapi/api-description.yaml";

    /** The hand-written description; ApiDocumentationTest compares it with the endpoints. */
    public static OpenAPI description() {
        try (InputStream in = new ClassPathResource(DESCRIPTION).getInputStream()) {
            return Yaml.mapper().readValue(in, OpenAPI.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DESCRIPTION, e);
        }
    }

    @Bean
    OpenApiCustomizer apiDescription() {
        // springdoc lists @RestControllers only; the response page answers HTML from a @Controller.
        SpringDocUtils.getConfig().addRestControllers(ResponsePageController.class);
        OpenAPI description = description();
        return generated -> {
            generated.setInfo(description.getInfo());
            generated.setTags(description.getTags());
            Components components = generated.getComponents() == null ? new Components() : generated.getComponents();
            // springdoc's own schemas describe the handlers' Java types (byte[], Map): ours describe the JSON.
            components.setSchemas(description.getComponents().getSchemas());
            components.setSecuritySchemes(description.getComponents().getSecuritySchemes());
            components.setParameters(description.getComponents().getParameters());
            components.setResponses(description.getComponents().getResponses());
            components.setExamples(description.getComponents().getExamples());
            generated.setComponents(components);
            if (generated.getPaths() == null) {
                return;
            }
            generated.getPaths().forEach((path, item) -> {
                PathItem described = description.getPaths().get(path);
                if (described != null) {
                    item.readOperationsMap().forEach(overlay(described));
                }
            });
        };
    }

    /** Replaces what springdoc guessed about an operation with its description, when there is one. */
    private static BiConsumer<PathItem.HttpMethod, Operation> overlay(PathItem described) {
        return (method, operation) -> {
            Operation description = described.readOperationsMap().get(method);
            if (description == null) {
                return;
            }
            operation.setOperationId(description.getOperationId());
            operation.setTags(description.getTags());
            operation.setSummary(description.getSummary());
            operation.setDescription(description.getDescription());
            operation.setSecurity(description.getSecurity());
            operation.setRequestBody(description.getRequestBody());
            operation.setResponses(description.getResponses());
            if (description.getParameters() != null) {
                operation.setParameters(description.getParameters());
            }
        };
    }
}
