package com.centralstation.verification.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * One request the CHeKT sandbox received, as a person reads it: the JSON body indented, the token request's form
 * as its fields (the secret masked as received), the headers CHeKT's API cares about, and the sandbox's answer.
 */
public record ReadableRequest(long sequence, String receivedAt, String method, String path, int status,
                              List<Map.Entry<String, String>> headers, List<Map.Entry<String, String>> form, String body,
                              String answer) {

    /** The headers worth showing; the rest (user agent, content length) are in the JSON listing. */
    static final List<String> SHOWN_HEADERS = List.of("authorization", "content-type", "idempotency-key", "x-partner-trace-id");

    static ReadableRequest of(ChektSandbox.ReceivedRequest request, ObjectMapper mapper) {
        List<Map.Entry<String, String>> headers = SHOWN_HEADERS.stream().filter(name -> request.header(name) != null)
                .map(name -> Map.entry(name, request.header(name))).toList();
        List<Map.Entry<String, String>> form = request.form() == null ? List.of()
                : request.form().entrySet().stream().map(field -> Map.entry(field.getKey(), String.valueOf(field.getValue())))
                .toList();
        String body = request.form() != null ? "" : indented(request.body(), mapper);
        return new ReadableRequest(request.sequence(), request.receivedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                request.method(), request.path(), request.answeredStatus(), headers, form, body,
                indented(request.answer(), mapper));
    }

    /** The body indented when it is JSON, as received when it is not. */
    private static String indented(String body, ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            return indented(mapper.readTree(body), mapper);
        } catch (JsonProcessingException notJson) {
            return body;
        }
    }

    private static String indented(Object json, ObjectMapper mapper) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            return String.valueOf(json);
        }
    }
}
