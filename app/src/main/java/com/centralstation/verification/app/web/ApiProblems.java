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
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Every error our endpoints answer is RFC 9457 problem+json, naming the offending field in {@code field}.
 * Bad input never becomes a 500. A database that cannot store anything just now (a full disk, a closed H2 file)
 * is not our bug either: 503 with {@code Retry-After}, naming the cause, so that CHeKT and the station's software send
 * again later; nothing of the request was stored.
 */
@RestControllerAdvice(basePackages = "com.centralstation.verification.app.web")
public class ApiProblems extends ResponseEntityExceptionHandler {

    /** A webhook or decision refused during an outage may be sent again after this long. */
    public static final Duration RETRY_STORAGE_AFTER = Duration.ofSeconds(30);
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
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.field(), e.field() + " " + e.getMessage());
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

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }
}
