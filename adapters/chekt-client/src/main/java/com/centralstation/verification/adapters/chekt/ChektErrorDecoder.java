package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.fasterxml.jackson.databind.JsonNode;
import feign.Request;
import feign.Response;
import feign.codec.ErrorDecoder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Maps CHeKT's non-2xx answers to the few outcomes the workflow acts on. CHeKT's {@code error.code} and
 * {@code error.request_id} are kept when the body has them; any other body (HTML, empty, garbage) is fine too.
 */
final class ChektErrorDecoder implements ErrorDecoder {

    /** An error page larger than this tells us nothing more. */
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_MESSAGE_CHARS = 200;

    private final Clock clock;

    ChektErrorDecoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        UUID traceId = response.request() == null ? null : traceId(response.request().headers());
        ErrorBody error = ErrorBody.read(response.body());
        String message = describe(status, error);
        return switch (status) {
            case 400, 422 -> new ChektGatewayException.Rejected(message, status, error.code(), error.requestId(), traceId);
            case 401 -> new CredentialsRefused(message, bearerToken(response.request()), error.code(),
                    error.requestId(), traceId);
            case 403 -> new ChektGatewayException.NotAllowed(message, status, error.code(), error.requestId(), traceId,
                    null);
            case 404, 409 -> new ChektGatewayException.ClosedOrUnknown(message, status, error.code(), error.requestId(),
                    traceId);
            // Rate limited: CHeKT is fine and tells us when to come back (or not: then the caller picks a wait).
            case 429 -> new ChektGatewayException.AskedToWait(message, status, waitHint(response), error.code(),
                    error.requestId(), traceId);
            // Unavailable, but with a time to come back: wait that long rather than spend a retry.
            case 503 -> waitHint(response) != null
                    ? new ChektGatewayException.AskedToWait(message, status, waitHint(response), error.code(),
                            error.requestId(), traceId)
                    : new ChektGatewayException.Unavailable(message, status, null, error.code(), error.requestId(),
                            traceId, null);
            default -> status >= 400 && status < 500 && status != 408 && status != 429
                    // Any other client error (405, 413, 415...) is about our request: sending it again will not help.
                    ? new ChektGatewayException.Rejected(message, status, error.code(), error.requestId(), traceId)
                    // 408, 5xx, and 3xx (redirects are not followed): try again later.
                    : new ChektGatewayException.Unavailable(message, status, retryAfter(response), error.code(),
                            error.requestId(), traceId, null);
        };
    }

    private Duration retryAfter(Response response) {
        return RetryAfter.parse(first(response.headers().get(HttpHeaders.RETRY_AFTER)), clock);
    }

    /** {@code Retry-After}, else {@code X-RateLimit-Reset}; {@code null} when neither names a time. */
    private Duration waitHint(Response response) {
        Duration retryAfter = retryAfter(response);
        return retryAfter != null ? retryAfter
                : RetryAfter.parseRateLimitReset(first(header(response, ChektHeaders.RATE_LIMIT_RESET)), clock);
    }

    /** Feign keeps the answer's header names as sent; HTTP header names are case-insensitive. */
    private static Collection<String> header(Response response, String name) {
        return response.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String describe(int status, ErrorBody error) {
        StringBuilder text = new StringBuilder("CHeKT answered ").append(status);
        HttpStatus known = HttpStatus.resolve(status);
        if (known != null) {
            text.append(' ').append(known.getReasonPhrase());
        }
        if (error.code() != null) {
            text.append(", error.code ").append(error.code());
        }
        if (error.requestId() != null) {
            text.append(", error.request_id ").append(error.requestId());
        }
        if (error.message() != null) {
            String said = error.message();
            text.append(": ").append(said.length() > MAX_MESSAGE_CHARS ? said.substring(0, MAX_MESSAGE_CHARS) + "…" : said);
        }
        return text.toString();
    }

    static UUID traceId(Map<String, Collection<String>> headers) {
        String value = first(headers.get(ChektHeaders.TRACE_ID));
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static String bearerToken(Request request) {
        String value = request == null ? null : first(request.headers().get(HttpHeaders.AUTHORIZATION));
        return value != null && value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7) : null;
    }

    private static String first(Collection<String> values) {
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }

    /** CHeKT's newer error envelope: {@code {"error": {"code", "message", "request_id", "field"}}}. */
    record ErrorBody(String code, String message, String requestId) {

        private static final ErrorBody NONE = new ErrorBody(null, null, null);

        static ErrorBody read(Response.Body body) {
            if (body == null) {
                return NONE;
            }
            try (InputStream in = body.asInputStream()) {
                byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
                JsonNode root = bytes.length == 0 ? null : ChektJson.MAPPER.readTree(bytes);
                JsonNode error = root == null ? null : root.get("error");
                if (error == null) {
                    return NONE;
                }
                if (error.isObject()) {
                    return new ErrorBody(text(error, "code"), text(error, "message"), text(error, "request_id"));
                }
                return error.isTextual() ? new ErrorBody(error.textValue(), null, null) : NONE;
            } catch (IOException | RuntimeException notCheKtsEnvelope) {
                return NONE;
            }
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
        }
    }
}
