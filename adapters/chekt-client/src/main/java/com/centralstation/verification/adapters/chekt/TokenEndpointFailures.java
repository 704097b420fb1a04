package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.port.out.ChektGatewayException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.client.RestClientResponseException;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Turns whatever Spring's OAuth2 client throws for a failed token request into the gateway's outcomes:
 * credentials the endpoint refuses are {@code NotAllowed} (a person must fix them), everything else (5xx,
 * timeouts, unreadable answers) is {@code Unavailable} (the engine retries later).
 */
final class TokenEndpointFailures {

    /** RFC 6749 section 5.2: the error codes that say our client or its grant is wrong. */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of(
            OAuth2ErrorCodes.INVALID_CLIENT, OAuth2ErrorCodes.INVALID_GRANT, OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
            OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE, OAuth2ErrorCodes.INVALID_SCOPE, OAuth2ErrorCodes.INVALID_REQUEST,
            OAuth2ErrorCodes.ACCESS_DENIED);

    private TokenEndpointFailures() {
    }

    static ChektGatewayException translate(RuntimeException failure, UUID traceId, Clock clock) {
        RestClientResponseException answer = causeOfType(failure, RestClientResponseException.class);
        if (answer != null) {
            int status = answer.getStatusCode().value();
            if (status == 408 || status == 429 || status >= 500) {
                return new ChektGatewayException.Unavailable("CHeKT's token endpoint answered " + status, status,
                        RetryAfter.parse(answer.getResponseHeaders() == null ? null
                                : answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER), clock),
                        null, null, traceId, failure);
            }
            return new ChektGatewayException.NotAllowed(
                    "CHeKT's token endpoint refused our client credentials with " + status, status, null, null,
                    traceId, failure);
        }
        OAuth2AuthorizationException oauth = causeOfType(failure, OAuth2AuthorizationException.class);
        if (oauth != null && CREDENTIAL_ERRORS.contains(oauth.getError().getErrorCode())) {
            return new ChektGatewayException.NotAllowed(
                    "CHeKT's token endpoint refused our client credentials: " + oauth.getError().getErrorCode(), 400,
                    oauth.getError().getErrorCode(), null, traceId, failure);
        }
        return new ChektGatewayException.Unavailable("no usable answer from CHeKT's token endpoint ("
                + rootCause(failure).getClass().getSimpleName() + ")", 0, null, null, null, traceId, failure);
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
