package com.centralstation.verification.app.web;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.app.storage.StorageOutage;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every error our endpoints answer is RFC 9457 problem+json, naming the offending field in {@code field}.
 * Bad input never becomes a 500. A database that cannot store anything just now (a full disk, a closed H2 file)
 * is not our bug either: 503 with {@code Retry-After}, naming the cause, so that CHeKT and the station's software send
 * again later; nothing of the request was stored. Neither is a pool with no connection free for its whole wait.
 */
@RestControllerAdvice(basePackages = "com.centralstation.verification.app.web")
public class ApiProblems extends ResponseEntityExceptionHandler {

    /** A webhook or decision refused during an outage may be sent again after this long. */
    public static final Duration RETRY_STORAGE_AFTER = Duration.ofSeconds(30);
    /** A request that found every database connection busy for the pool's whole wait may be sent again this soon. */
    public static final Duration RETRY_BUSY_AFTER = Duration.ofSeconds(5);
    private static final int CAUSE_CHAIN_LIMIT = 32;
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final StorageOutage outage;

    public ApiProblems(StorageOutage outage) {
        this.outage = outage;
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String title, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://alarm-verification.local/problems/" + title.toLowerCase(Locale.ROOT).replace(' ', '-')));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.field(), sentence(e.field(), e.getMessage()));
    }

    /** A message written as a sentence stands alone; one that continues its field ("must be ...") gets it in front. */
    static String sentence(String field, String message) {
        return !message.isEmpty() && Character.isUpperCase(message.charAt(0)) ? message : field + " " + message;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        String supported = e.getSupportedMediaTypes().isEmpty() ? MediaType.APPLICATION_JSON_VALUE
                : String.join(" or ", e.getSupportedMediaTypes().stream().map(MediaType::toString).toList());
        return new ResponseEntity<>(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", "Content-Type",
                "This endpoint does not take a body with " + sent + ": send it as " + supported
                        + " with that Content-Type.").getBody(), problemHeaders(), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badPathOrParameter(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getName(),
                e.getName() + " must be a " + (expected.equals("UUID") ? "UUID" : expected));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return new ResponseEntity<>(problem(HttpStatus.BAD_REQUEST, "Invalid input", "body",
                "the request body could not be read as JSON").getBody(), problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return new ResponseEntity<>(problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getParameterName(),
                e.getParameterName() + " is required").getBody(), problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    /** A multipart request without the part the endpoint reads (a wrong part name, or no file at all). */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String part = e.getRequestPartName();
        return new ResponseEntity<>(problem(HttpStatus.BAD_REQUEST, "Invalid input", part,
                "The request has no part named " + part + ": send the file as the multipart/form-data part " + part
                        + " (for example curl -F " + part + "=@file).").getBody(), problemHeaders(),
                HttpStatus.BAD_REQUEST);
    }

    /** CHeKT did not answer a call we made on the caller's behalf (the call-list import). */
    @ExceptionHandler(ChektGatewayException.class)
    ResponseEntity<ProblemDetail> chektFailed(ChektGatewayException e) {
        return problem(HttpStatus.BAD_GATEWAY, "CHeKT unavailable", null,
                "CHeKT answered " + (e.httpStatus() == 0 ? "nothing" : e.httpStatus()) + ": " + e.getMessage());
    }

    /**
     * The last resort: logged with its stack trace for us, a plain problem for the caller. A storage failure is
     * counted into the outage (which logs it once a minute) and answered 503.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        Optional<String> storage = outage.refusesRequest(e);
        if (storage.isPresent()) {
            return storageUnavailable(storage.get());
        }
        if (noConnectionFree(e)) {
            // An overload that passes (a storm, a slow database), not a fault: one line, no stack trace.
            log.warn("No database connection was free within the pool's wait; answered 503: {}", e.toString());
            return busy();
        }
        log.error("Unexpected failure handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", null,
                "the request could not be handled; it has been logged");
    }

    private static ResponseEntity<ProblemDetail> storageUnavailable(String cause) {
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable", null,
                "the service cannot store anything just now (" + cause + "); nothing of this request was"
                        + " stored: send it again in " + RETRY_STORAGE_AFTER.toSeconds() + " seconds");
        problem.getBody().setProperty("cause", cause);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_STORAGE_AFTER.toSeconds()))
                .body(problem.getBody());
    }

    /**
     * The pool gave no connection within its wait (HikariCP's {@link SQLTransientConnectionException}), wherever it
     * surfaced: through Spring's JDBC exceptions, the engine's or our own.
     */
    private static boolean noConnectionFree(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.size() < CAUSE_CHAIN_LIMIT && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> busy() {
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Service busy", null,
                "every database connection was busy; nothing of this request was stored: send it again in "
                        + RETRY_BUSY_AFTER.toSeconds() + " seconds");
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_BUSY_AFTER.toSeconds()))
                .body(problem.getBody());
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }
}
