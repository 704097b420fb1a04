package com.centralstation.verification.core.port.out;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * CHeKT did not take a request. The subclasses are the few outcomes the workflow acts on differently;
 * status, CHeKT's error code and request id are kept for the audit trail and the supervisor.
 */
public abstract sealed class ChektGatewayException extends RuntimeException {

    private final int httpStatus;
    private final String errorCode;
    private final String requestId;
    private final UUID traceId;

    protected ChektGatewayException(String message, int httpStatus, String errorCode, String requestId, UUID traceId,
                                    Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.traceId = traceId;
    }

    /** The HTTP status CHeKT answered, or 0 when no answer came (timeout, refused connection). */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The {@code x-partner-trace-id} of the failed request, if one was sent. */
    public Optional<UUID> traceId() {
        return Optional.ofNullable(traceId);
    }

    /**
     * Whether sending the same request again cannot succeed by itself (CHeKT refused it, or refused us): such a
     * failure is never retried blindly. {@link Unavailable} and {@link AskedToWait} are not final.
     */
    public boolean isFinal() {
        return this instanceof Rejected || this instanceof NotAllowed || this instanceof ClosedOrUnknown;
    }

    /** 400 or 422: CHeKT refuses the content; sending it again will not help. */
    public static final class Rejected extends ChektGatewayException {
        public Rejected(String message, int httpStatus, String errorCode, String requestId, UUID traceId) {
            super(message, httpStatus, errorCode, requestId, traceId, null);
        }
    }

    /** 401 after one token refresh, or 403: our credentials or permissions are wrong; a person must fix them. */
    public static final class NotAllowed extends ChektGatewayException {
        public NotAllowed(String message, int httpStatus, String errorCode, String requestId, UUID traceId,
                          Throwable cause) {
            super(message, httpStatus, errorCode, requestId, traceId, cause);
        }
    }

    /** 404 or 409: CHeKT no longer has this verification open (closed, answered, or never known). */
    public static final class ClosedOrUnknown extends ChektGatewayException {
        public ClosedOrUnknown(String message, int httpStatus, String errorCode, String requestId, UUID traceId) {
            super(message, httpStatus, errorCode, requestId, traceId, null);
        }
    }

    /**
     * Ask again later: CHeKT answered 429 (rate limited), or 503 with {@code Retry-After} or
     * {@code X-RateLimit-Reset}; or this service's own limit ({@code chekt.rate-limit.requests-per-minute}) has no
     * request left for now (status 0, nothing was sent). Waiting is not a failure: it spends no retry.
     */
    public static final class AskedToWait extends ChektGatewayException {
        private final Duration waitFor;

        /** @param waitFor how long to wait, or {@code null} when CHeKT named no time (a 429 without headers) */
        public AskedToWait(String message, int httpStatus, Duration waitFor, String errorCode, String requestId,
                           UUID traceId) {
            super(message, httpStatus, errorCode, requestId, traceId, null);
            if (waitFor != null && waitFor.isNegative()) {
                throw new IllegalArgumentException("waitFor must not be negative, was " + waitFor);
            }
            this.waitFor = waitFor;
        }

        public Optional<Duration> waitFor() {
            return Optional.ofNullable(waitFor);
        }

        /** True when CHeKT answered; false when this service's own limit held the request back. */
        public boolean answeredByChekt() {
            return httpStatus() != 0;
        }
    }

    /** 5xx without a time to come back, 408, timeout or I/O: try again later, on the engine's retry cycle. */
    public static final class Unavailable extends ChektGatewayException {
        private final Duration retryAfter;

        public Unavailable(String message, int httpStatus, Duration retryAfter, String errorCode, String requestId,
                           UUID traceId, Throwable cause) {
            super(message, httpStatus, errorCode, requestId, traceId, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }
}
