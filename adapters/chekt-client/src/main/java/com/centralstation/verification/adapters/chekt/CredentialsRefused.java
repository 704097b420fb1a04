package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.port.out.ChektGatewayException;

import java.util.UUID;

/**
 * CHeKT answered 401. Not an outcome yet: the caller drops the refused token and tries once more, and only a
 * second 401 becomes {@link ChektGatewayException.NotAllowed}. Carries the refused token so that only that token
 * is dropped; it is never part of the message.
 */
final class CredentialsRefused extends RuntimeException {

    private final transient String refusedToken;
    private final String errorCode;
    private final String requestId;
    private final UUID traceId;

    CredentialsRefused(String message, String refusedToken, String errorCode, String requestId, UUID traceId) {
        super(message, null, false, false);
        this.refusedToken = refusedToken;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.traceId = traceId;
    }

    String refusedToken() {
        return refusedToken;
    }

    ChektGatewayException.NotAllowed asNotAllowed() {
        return new ChektGatewayException.NotAllowed(getMessage() + ", also with a freshly fetched token", 401,
                errorCode, requestId, traceId, null);
    }
}
