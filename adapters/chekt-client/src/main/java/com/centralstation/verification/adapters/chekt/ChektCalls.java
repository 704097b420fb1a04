package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.port.out.ChektGatewayException;
import feign.FeignException;
import feign.RetryableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs one CHeKT operation: a new trace id per HTTP request, the single token refresh after a 401, every
 * failure turned into a {@link ChektGatewayException}, and the {@code chekt.requests} timer by outcome.
 */
final class ChektCalls {

    private static final Logger log = LoggerFactory.getLogger(ChektCalls.class);
    /** The {@code operation} of a decision's submission. */
    static final String SUBMIT = "submit";
    /** The {@code operation} of a call-list fetch. */
    static final String CONTACTS = "contacts";
    private static final List<String> OUTCOMES = List.of("success", "rejected", "not_allowed", "closed_or_unknown",
            "asked_to_wait", "unavailable");

    private final ChektAccessTokens tokens;
    private final MeterRegistry meters;

    ChektCalls(ChektAccessTokens tokens, MeterRegistry meters) {
        this.tokens = tokens;
        this.meters = meters;
        // Every operation and outcome up front, so a scrape shows the documented meter before the first call.
        for (String operation : List.of(SUBMIT, CONTACTS)) {
            OUTCOMES.forEach(outcome -> timer(operation, outcome));
        }
    }

    /**
     * @param operation the {@code operation} tag, e.g. {@code submit}
     * @param request   one HTTP request to CHeKT, given the trace id to send
     */
    <T> T call(String operation, Function<UUID, T> request) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "unavailable";
        try {
            T result = withOneTokenRefresh(operation, request);
            outcome = "success";
            return result;
        } catch (ChektGatewayException failure) {
            outcome = outcomeOf(failure);
            // A submission's failure is logged once by its caller, with the verification and the attempt.
            log.atLevel(SUBMIT.equals(operation) ? Level.DEBUG : Level.WARN)
                    .log("CHeKT {} failed: {} [outcome {}, status {}, trace id {}, request_id {}]", operation,
                    failure.getMessage(), outcome, failure.httpStatus(), failure.traceId().orElse(null),
                    failure.requestId().orElse(null));
            throw failure;
        } finally {
            sample.stop(timer(operation, outcome));
        }
    }

    private <T> T withOneTokenRefresh(String operation, Function<UUID, T> request) {
        try {
            return attempt(request);
        } catch (CredentialsRefused refused) {
            log.info("CHeKT refused the access token for {}; fetching a new one and trying once more", operation);
            tokens.discard(refused.refusedToken());
            try {
                return attempt(request);
            } catch (CredentialsRefused again) {
                throw again.asNotAllowed();
            }
        }
    }

    private static <T> T attempt(Function<UUID, T> request) {
        UUID traceId = UUID.randomUUID();
        try {
            return request.apply(traceId);
        } catch (RetryableException noAnswer) {
            // Feign's wrapper for I/O: connection refused, connect or read timeout, a connection cut mid-answer.
            throw new ChektGatewayException.Unavailable("no answer from CHeKT: " + describe(noAnswer.getCause()), 0,
                    null, null, null, traceId, noAnswer);
        } catch (FeignException unreadable) {
            // A 2xx whose body could not be read. With the Idempotency-Key a retry is harmless.
            throw new ChektGatewayException.Unavailable("CHeKT's answer could not be read: "
                    + describe(unreadable.getCause()), Math.max(unreadable.status(), 0), null, null, null, traceId,
                    unreadable);
        }
    }

    private Timer timer(String operation, String outcome) {
        return Timer.builder("chekt.requests")
                .description("Calls to CHeKT's Partner API, including a token refresh and its retry")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(meters);
    }

    private static String describe(Throwable cause) {
        return cause == null ? "unknown cause" : cause.getClass().getSimpleName() + " " + cause.getMessage();
    }

    private static String outcomeOf(ChektGatewayException failure) {
        if (failure instanceof ChektGatewayException.Rejected) {
            return "rejected";
        }
        if (failure instanceof ChektGatewayException.NotAllowed) {
            return "not_allowed";
        }
        if (failure instanceof ChektGatewayException.ClosedOrUnknown) {
            return "closed_or_unknown";
        }
        if (failure instanceof ChektGatewayException.AskedToWait) {
            return "asked_to_wait";
        }
        return "unavailable";
    }
}
