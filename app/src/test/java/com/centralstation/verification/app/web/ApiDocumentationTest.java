package com.centralstation.verification.app.web;

import com.centralstation.verification.app.config.ApiDocumentationConfiguration;
import com.centralstation.verification.app.e2e.ServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Hidden;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document describes every endpoint of the web layer (found in Spring's handler mappings, so a new
 * controller method cannot be forgotten), with its errors as problem+json, and nothing that does not exist.
 */
class ApiDocumentationTest extends ServiceTest {

    private static final String WEB_LAYER = "com.centralstation.verification.app.web";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void everyEndpointOfTheWebLayerIsInTheDocumentWithASummaryExamplesAndProblemErrors() throws Exception {
        JsonNode paths = document().get("paths");
        List<String> missing = new ArrayList<>();
        Set<String> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found in the handler mappings")
                .contains("POST /webhooks/chekt", "POST /api/verifications/{verificationId}/decisions");

        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            JsonNode operation = paths.path(path).path(method);
            if (operation.isMissingNode()) {
                missing.add(endpoint + ": not in the document");
                continue;
            }
            if (operation.path("summary").asText().isBlank()) {
                missing.add(endpoint + ": no summary (no entry in " + "openapi/api-description.yaml)");
            }
            operation.path("responses").fields().forEachRemaining(response -> {
                JsonNode content = resolve(response.getValue()).path("content");
                boolean api = !path.startsWith("/respond");
                boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
                if (api && error && !content.has("application/problem+json")) {
                    missing.add(endpoint + " " + response.getKey() + ": not application/problem+json");
                }
                content.fields().forEachRemaining(type -> {
                    if (type.getKey().contains("json") && !type.getValue().has("example") && !type.getValue().has("examples")) {
                        missing.add(endpoint + " " + response.getKey() + ": no example");
                    }
                });
            });
            if (!path.startsWith("/respond") && !operation.path("responses").fieldNames().hasNext()) {
                missing.add(endpoint + ": no responses");
            }
        }

        assertThat(missing).as("endpoints the document misses or describes poorly").isEmpty();
    }

    @Test
    void everyEndpointTheDescriptionNamesExists() {
        Set<String> described = new TreeSet<>();
        ApiDocumentationConfiguration.description().getPaths().forEach((path, item) ->
                item.readOperationsMap().keySet().forEach(method -> described.add(method + " " + path)));

        assertThat(endpoints()).containsAll(described);
    }

    @Test
    void theDocumentAndSwaggerUiAnswerOnlyTheStationLogin() throws Exception {
        for (String path : List.of("/v3/api-docs", "/swagger-ui/index.html")) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);

            HttpResponse<String> station = http.send(station(HttpRequest.newBuilder(uri(path))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(station.statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> ui = http.send(station(HttpRequest.newBuilder(uri("/swagger-ui/index.html"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void theDocumentCarriesTheContractExample() throws Exception {
        JsonNode decide = document().at("/paths/~1api~1verifications~1{verificationId}~1decisions/post");

        assertThat(decide.at("/requestBody/content/application~1json/example/contact_id").asLong()).isEqualTo(67890);
        assertThat(decide.at("/responses/202/content/application~1json/example/verification_id").asText())
                .isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        assertThat(resolve(decide.at("/parameters/0")).at("/schema/format").asText()).isEqualTo("uuid");
    }

    @Test
    void anUnknownPathUnderApiIsAProblemLikeEveryOtherError() throws Exception {
        HttpResponse<String> response = http.send(station(HttpRequest.newBuilder(uri("/api/no-such-thing"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 404, "path");
        assertThat(json.readTree(response.body()).get("instance").asText()).isEqualTo("/api/no-such-thing");
    }

    @Test
    void aMethodAnApiPathDoesNotTakeIsAProblem() throws Exception {
        HttpResponse<String> response = http.send(station(HttpRequest.newBuilder(
                uri("/api/verifications/550e8400-e29b-41d4-a716-446655440000"))).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 405, "method");
    }

    @Test
    void missingStationCredentialsAreAProblemThatStillAsksForBasic() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/verifications?state=open")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 401, "Authorization");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Basic"));
    }

    @Test
    void anUnknownPathOutsideTheApiKeepsSpringBootsErrorPage() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/camunda/no-such-page")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).doesNotContain("problem+json"));
    }

    private void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("field").asText()).isEqualTo(field);
    }

    private JsonNode document() throws Exception {
        HttpResponse<String> response = http.send(station(HttpRequest.newBuilder(uri("/v3/api-docs"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode documentCache;

    /** A part of the document given as {@code $ref} to its components, followed. */
    private JsonNode resolve(JsonNode part) {
        if (!part.has("$ref")) {
            return part;
        }
        try {
            if (documentCache == null) {
                documentCache = document();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return documentCache.at(part.get("$ref").asText().substring(1));
    }

    /** "METHOD /path" of every handler method in the web layer that is not hidden on purpose. */
    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlers.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith(WEB_LAYER)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Hidden.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Hidden.class)) {
                continue;
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            assertThat(methods).as(handler + " answers every HTTP method: give it one, or hide it with a reason").isNotEmpty();
            for (PathPattern pattern : entry.getKey().getPathPatternsCondition().getPatterns()) {
                methods.forEach(method -> endpoints.add(method.name() + " " + pattern.getPatternString()));
            }
        }
        return endpoints;
    }
}
