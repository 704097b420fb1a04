package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.ChektGateway;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Sends the verification's decision to CHeKT and decides what CHeKT's answer leads to:
 * <ul>
 *   <li>2xx: submitted;</li>
 *   <li>a DISPATCH that CHeKT does not take (any final refusal, or unreachable through the last retry): the
 *       verification becomes {@link VerificationState#DISPATCH_NOT_TAKEN} and an operator calls the responding
 *       agency; a contact asked for help and CHeKT has not passed it on;</li>
 *   <li>a 409 on a DISREGARD: CHeKT's verification has moved on (answered, closed); closed quietly, audited;</li>
 *   <li>429, 503 with a time to come back, or this node's own rate limit: wait that long, then send again,
 *       without spending a retry. A wait CHeKT asks for is never shorter than a floor that doubles with each wait
 *       in a row ({@link #SHORTEST_WAIT} up to {@link #LIMIT_WINDOW}): {@code Retry-After: 0}, a date or a reset in
 *       the past (clocks differ) do not mean "now";</li>
 *   <li>a DISPATCH that CHeKT has not taken within the dispatch deadline of its decision, for any reason (429, 503,
 *       timeouts), goes to an operator as not taken, with CHeKT's last answer: waits that spend no retry must not
 *       keep a contact's call for help from a person;</li>
 *   <li>anything else fails the attempt: a transient failure is retried by the caller (the engine's job); a final
 *       refusal of a DISREGARD is not retried blindly (the caller raises it to a supervisor at once).</li>
 * </ul>
 */
public final class SubmitDecision {

    /** The longest single wait, whatever CHeKT asks: its rate-limit windows are a minute long. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(5);
    /** A 429 without any time to come back waits this long. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    /**
     * How many times in a row a 503 may make the submission wait without spending a retry; after that a 503 is
     * a failure like any 5xx, so an outage that keeps asking for patience still ends in the retry cycle.
     */
    public static final int MAX_UNAVAILABLE_WAITS = 3;
    /** The first floor under a wait CHeKT asked for; it doubles with each wait in a row. */
    public static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);
    /** The floor grows up to CHeKT's rate-limit window: by then its bucket has refilled. */
    public static final Duration LIMIT_WINDOW = Duration.ofMinutes(1);

    private final VerificationRepository verifications;
    private final ChektGateway chekt;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;
    private final Duration dispatchDeadline;

    /** @param dispatchDeadline how long after its decision a DISPATCH CHeKT has not taken goes to an operator */
    public SubmitDecision(VerificationRepository verifications, ChektGateway chekt, AuditTrail audit,
                          VerificationMetrics metrics, Clock clock, Duration dispatchDeadline) {
        if (dispatchDeadline.isNegative() || dispatchDeadline.isZero()) {
            throw new IllegalArgumentException("dispatchDeadline must be positive, was " + dispatchDeadline);
        }
        this.verifications = verifications;
        this.chekt = chekt;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.dispatchDeadline = dispatchDeadline;
    }

    /**
     * @param attempt what the caller knows about this attempt: whether it is the last retry, and how many 503
     *                waits came before it
     * @return what happened; a {@link Outcome#WAIT} names how long to wait before calling again
     * @throws ChektGatewayException when the attempt failed and the caller decides about retrying: CHeKT
     *         unavailable (retry), or a final refusal of a DISREGARD ({@link ChektGatewayException#isFinal()}:
     *         do not retry). The failed attempt is audited in its own transaction.
     */
    public Result submit(UUID verificationId, Attempt attempt) {
        VerificationRecord record = verifications.find(verificationId)
                .orElseThrow(() -> new IllegalStateException("no verification " + verificationId));
        if (record.submission().isPresent()) {
            return Result.of(Outcome.SUBMITTED);
        }
        if (record.state() == VerificationState.DISPATCH_NOT_TAKEN) {
            return Result.dispatchNotTaken(record.closeReason().orElse("CHeKT did not take the dispatch"), 0, null,
                    null);
        }
        ContactDecision decision = record.decision()
                .orElseThrow(() -> new IllegalStateException("verification " + verificationId + " has no decision to submit"));
        try {
            SubmissionReceipt receipt = chekt.submit(record.verification().chekt(), decision);
            verifications.markSubmitted(verificationId, receipt);
            Map<String, String> details = new HashMap<>();
            details.put(AuditDetail.TRACE_ID, receipt.traceId().toString());
            details.put(AuditDetail.CHEKT_ID, String.valueOf(receipt.chektId()));
            details.put(AuditDetail.CONTACT_ID, String.valueOf(decision.contactId()));
            details.put(AuditDetail.ACTION, decision.action().code());
            receipt.httpStatus().ifPresent(status -> details.put(AuditDetail.STATUS, String.valueOf(status)));
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.DECISION_SUBMITTED, Actor.ENGINE,
                    details));
            metrics.ended(VerificationState.SUBMITTED);
            return Result.of(Outcome.SUBMITTED);
        } catch (ChektGatewayException.AskedToWait asked) {
            if (asked.httpStatus() == 503 && attempt.unavailableWaits() >= MAX_UNAVAILABLE_WAITS
                    || pastDispatchDeadline(decision)) {
                return failed(verificationId, decision, asked, attempt);
            }
            Duration asksFor = asked.waitFor().orElse(DEFAULT_WAIT);
            if (asked.answeredByChekt()) {
                asksFor = longest(asksFor, floor(attempt.chektWaits()));
            }
            Duration wait = asksFor.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asksFor;
            if (asked.answeredByChekt()) {
                Map<String, String> details = failureDetails(asked);
                details.put(AuditDetail.WAIT, wait.toString());
                audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.SUBMISSION_DEFERRED,
                        Actor.CHEKT, details));
            }
            return Result.waitFor(wait, attempt.unavailableWaits() + (asked.httpStatus() == 503 ? 1 : 0),
                    attempt.chektWaits() + (asked.answeredByChekt() ? 1 : 0));
        } catch (ChektGatewayException failure) {
            return failed(verificationId, decision, failure, attempt);
        }
    }

    private Result failed(UUID verificationId, ContactDecision decision, ChektGatewayException failure,
                          Attempt attempt) {
        if (decision.action() == VerificationAction.DISREGARD && failure instanceof ChektGatewayException.ClosedOrUnknown
                && failure.httpStatus() == 409) {
            verifications.close(verificationId, VerificationState.CLOSED_BY_CHEKT, failure.getMessage());
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.CLOSED_BY_CHEKT, Actor.CHEKT,
                    failureDetails(failure)));
            metrics.ended(VerificationState.CLOSED_BY_CHEKT);
            return Result.of(Outcome.CLOSED_BY_CHEKT);
        }
        if (decision.action() == VerificationAction.DISPATCH
                && (failure.isFinal() || attempt.lastRetry() || pastDispatchDeadline(decision))) {
            verifications.close(verificationId, VerificationState.DISPATCH_NOT_TAKEN, failure.getMessage());
            Map<String, String> details = failureDetails(failure);
            details.put(AuditDetail.CONTACT_ID, String.valueOf(decision.contactId()));
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.DISPATCH_NOT_TAKEN, Actor.CHEKT,
                    details));
            metrics.ended(VerificationState.DISPATCH_NOT_TAKEN);
            return Result.dispatchNotTaken(failure.getMessage(), failure.httpStatus(),
                    failure.errorCode().orElse(null), failure.requestId().orElse(null));
        }
        audit.recordIndependently(new AuditEvent(verificationId, clock.instant(), AuditEventType.SUBMISSION_FAILED,
                Actor.ENGINE, failureDetails(failure)));
        throw failure;
    }

    private boolean pastDispatchDeadline(ContactDecision decision) {
        return decision.action() == VerificationAction.DISPATCH
                && !clock.instant().isBefore(decision.respondedAt().plus(dispatchDeadline));
    }

    /** The shortest wait after {@code waitsBefore} waits in a row: {@link #SHORTEST_WAIT}, doubled each time. */
    static Duration floor(int waitsBefore) {
        long limit = LIMIT_WINDOW.toMillis() / SHORTEST_WAIT.toMillis();
        long factor = waitsBefore >= Long.SIZE - 2 ? limit : Math.min(limit, 1L << waitsBefore);
        return SHORTEST_WAIT.multipliedBy(factor);
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Map<String, String> failureDetails(ChektGatewayException failure) {
        Map<String, String> details = new HashMap<>();
        details.put(AuditDetail.OUTCOME, failure.getClass().getSimpleName());
        details.put(AuditDetail.STATUS, String.valueOf(failure.httpStatus()));
        details.put(AuditDetail.MESSAGE, String.valueOf(failure.getMessage()));
        failure.errorCode().ifPresent(code -> details.put(AuditDetail.ERROR_CODE, code));
        failure.requestId().ifPresent(id -> details.put(AuditDetail.REQUEST_ID, id));
        failure.traceId().ifPresent(id -> details.put(AuditDetail.TRACE_ID, id.toString()));
        if (failure instanceof ChektGatewayException.Unavailable unavailable) {
            unavailable.retryAfter().ifPresent(after -> details.put(AuditDetail.RETRY_AFTER, after.toString()));
        }
        return details;
    }

    /**
     * @param lastRetry        no retry is left after this attempt: a DISPATCH that fails now goes to an operator
     * @param unavailableWaits how many times a 503 has made this submission wait so far
     * @param chektWaits       how many times in a row CHeKT (429 or 503) has made this submission wait so far
     */
    public record Attempt(boolean lastRetry, int unavailableWaits, int chektWaits) {

        public static final Attempt FIRST = new Attempt(false, 0, 0);

        public Attempt {
            if (unavailableWaits < 0 || chektWaits < 0) {
                throw new IllegalArgumentException("unavailableWaits and chektWaits must not be negative");
            }
        }

        public Attempt(boolean lastRetry, int unavailableWaits) {
            this(lastRetry, unavailableWaits, 0);
        }
    }

    public enum Outcome {
        SUBMITTED,
        CLOSED_BY_CHEKT,
        DISPATCH_NOT_TAKEN,
        WAIT
    }

    /**
     * @param waitFor          for {@link Outcome#WAIT}: how long until the next attempt
     * @param unavailableWaits for {@link Outcome#WAIT}: the 503 waits so far, this one included
     * @param refusal          for {@link Outcome#DISPATCH_NOT_TAKEN}: what CHeKT answered, for the operator
     * @param chektWaits       for {@link Outcome#WAIT}: the waits CHeKT asked for so far, this one included
     */
    public record Result(Outcome outcome, Duration waitFor, int unavailableWaits, Refusal refusal, int chektWaits) {

        public Result {
            Objects.requireNonNull(outcome, "outcome");
        }

        static Result of(Outcome outcome) {
            return new Result(outcome, null, 0, null, 0);
        }

        static Result waitFor(Duration wait, int unavailableWaits, int chektWaits) {
            return new Result(Outcome.WAIT, wait, unavailableWaits, null, chektWaits);
        }

        static Result dispatchNotTaken(String message, int status, String errorCode, String requestId) {
            return new Result(Outcome.DISPATCH_NOT_TAKEN, null, 0, new Refusal(status, errorCode, message, requestId), 0);
        }
    }

    /** CHeKT's answer to a dispatch it did not take; status 0 when no answer came. */
    public record Refusal(int status, String errorCode, String message, String requestId) {
    }
}
