package com.centralstation.verification.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Errors raised before any of our controllers ran (no such path, a method the path does not take, credentials
 * missing or refused) reach Spring Boot's error page, not {@link ApiProblems}. Under {@code /api},
 * {@code /webhooks} and {@code /voice} they are answered as problem+json like every other error there; elsewhere (Cockpit, the
 * response pages) Spring Boot's own error page stays.
 */
@Hidden
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController extends BasicErrorController {

    private static final List<String> PROBLEM_PATHS = List.of("/api/", "/webhooks/", "/voice/");

    private final ObjectMapper mapper;

    public ProblemErrorController(ErrorAttributes errorAttributes, ServerProperties server,
                                  ObjectProvider<ErrorViewResolver> errorViewResolvers, ObjectMapper mapper) {
        super(errorAttributes, server.getError(), errorViewResolvers.orderedStream().toList());
        this.mapper = mapper;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(path instanceof String uri) || PROBLEM_PATHS.stream().noneMatch(uri::startsWith)) {
            return super.error(request);
        }
        HttpStatus status = getStatus(request);
        ProblemDetail problem = ApiProblems.problem(status, title(status), field(status),
                detail(status, request.getMethod(), uri)).getBody();
        problem.setInstance(URI.create(uri));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(mapper.convertValue(problem, Map.class));
    }

    private static String title(HttpStatus status) {
        return status == HttpStatus.INTERNAL_SERVER_ERROR ? "Internal error" : status.getReasonPhrase();
    }

    private static String field(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> "Authorization";
            case NOT_FOUND -> "path";
            case METHOD_NOT_ALLOWED -> "method";
            default -> null;
        };
    }

    private static String detail(HttpStatus status, String method, String uri) {
        return switch (status) {
            case UNAUTHORIZED -> "credentials are missing or wrong";
            case FORBIDDEN -> "these credentials may not " + method + " " + uri;
            case NOT_FOUND -> "no endpoint at " + uri;
            case METHOD_NOT_ALLOWED -> uri + " does not take " + method;
            default -> "the request could not be handled";
        };
    }
}
