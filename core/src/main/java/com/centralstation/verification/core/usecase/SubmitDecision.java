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
import java.time.Instant;
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
 *   <li>a DISPATCH that CHeKT takes after an operator was asked to call the agency (the workflow's dispatch deadline
 *       passed first): submitted, and audited as taken late. Time alone never stops a submission: at the deadline
 *       the workflow puts a person beside it;</li>
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
    /** The note of {@link AuditEventType#DISPATCH_TAKEN_LATE}. */
    public static final String TAKEN_LATE_NOTE =
            "CHeKT took the dispatch after the dispatch deadline; the task to call the agency was closed";

    private final VerificationRepository verifications;
    private final ChektGateway chekt;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;

    public SubmitDecision(VerificationRepository verifications, ChektGateway chekt, AuditTrail audit,
                          VerificationMetrics metrics, Clock clock) {
        this.verifications = verifications;
        this.chekt = chekt;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param attempt what the caller knows about this attempt: whether it is the last retry, how many waits came
     *                before it, and whether an operator has been asked to call the agency meanwhile
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
            return Result.dispatchNotTaken(new Refusal(0, null,
                    record.closeReason().orElse("CHeKT did not take the dispatch"), null));
        }
        ContactDecision decision = record.decision()
                .orElseThrow(() -> new IllegalStateException("verification " + verificationId + " has no decision to submit"));
        try {
            SubmissionReceipt receipt = chekt.submit(record.verification().chekt(), decision);
            verifications.markSubmitted(verificationId, receipt);
            Instant now = clock.instant();
            Map<String, String> details = new HashMap<>();
            details.put(AuditDetail.TRACE_ID, receipt.traceId().toString());
            details.put(AuditDetail.CHEKT_ID, String.valueOf(receipt.chektId()));
            details.put(AuditDetail.CONTACT_ID, String.valueOf(decision.contactId()));
            details.put(AuditDetail.ACTION, decision.action().code());
            receipt.httpStatus().ifPresent(status -> details.put(AuditDetail.STATUS, String.valueOf(status)));
            audit.record(new AuditEvent(verificationId, now, AuditEventType.DECISION_SUBMITTED, Actor.ENGINE, details));
            if (attempt.agencyCallAsked() && decision.action() == VerificationAction.DISPATCH) {
                audit.record(new AuditEvent(verificationId, now, AuditEventType.DISPATCH_TAKEN_LATE, Actor.CHEKT,
                        Map.of(AuditDetail.TRACE_ID, receipt.traceId().toString(),
                                AuditDetail.CONTACT_ID, String.valueOf(decision.contactId()),
                                AuditDetail.RESPONDED_AT, decision.respondedAt().toString(),
                                AuditDetail.NOTE, TAKEN_LATE_NOTE)));
            }
            metrics.ended(VerificationState.SUBMITTED);
            return Result.of(Outcome.SUBMITTED);
        } catch (ChektGatewayException.AskedToWait asked) {
            if (asked.httpStatus() == 503 && attempt.unavailableWaits() >= MAX_UNAVAILABLE_WAITS) {
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
                    attempt.chektWaits() + (asked.answeredByChekt() ? 1 : 0),
                    asked.answeredByChekt() ? Refusal.of(asked) : null);
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
        if (decision.action() == VerificationAction.DISPATCH && (failure.isFinal() || attempt.lastRetry())) {
            verifications.close(verificationId, VerificationState.DISPATCH_NOT_TAKEN, failure.getMessage());
            Map<String, String> details = failureDetails(failure);
            details.put(AuditDetail.CONTACT_ID, String.valueOf(decision.contactId()));
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.DISPATCH_NOT_TAKEN, Actor.CHEKT,
                    details));
            metrics.ended(VerificationState.DISPATCH_NOT_TAKEN);
            return Result.dispatchNotTaken(Refusal.of(failure));
        }
        audit.recordIndependently(new AuditEvent(verificationId, clock.instant(), AuditEventType.SUBMISSION_FAILED,
                Actor.ENGINE, failureDetails(failure)));
        throw failure;
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
     * @param agencyCallAsked  an operator has been asked to call the agency while this dispatch was still not taken
     *                         (the workflow's dispatch deadline passed): an acceptance now is audited as taken late
     */
    public record Attempt(boolean lastRetry, int unavailableWaits, int chektWaits, boolean agencyCallAsked) {

        public static final Attempt FIRST = new Attempt(false, 0, 0, false);

        public Attempt {
            if (unavailableWaits < 0 || chektWaits < 0) {
                throw new IllegalArgumentException("unavailableWaits and chektWaits must not be negative");
            }
        }

        public Attempt(boolean lastRetry, int unavailableWaits, int chektWaits) {
            this(lastRetry, unavailableWaits, chektWaits, false);
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
     * @param refusal          for {@link Outcome#DISPATCH_NOT_TAKEN}: what CHeKT answered, for the operator; for
     *                         {@link Outcome#WAIT}: CHeKT's answer that asked to wait ({@code null} for this node's
     *                         own rate limit), for the operator asked at the dispatch deadline
     * @param chektWaits       for {@link Outcome#WAIT}: the waits CHeKT asked for so far, this one included
     */
    public record Result(Outcome outcome, Duration waitFor, int unavailableWaits, Refusal refusal, int chektWaits) {

        public Result {
            Objects.requireNonNull(outcome, "outcome");
        }

        static Result of(Outcome outcome) {
            return new Result(outcome, null, 0, null, 0);
        }

        static Result waitFor(Duration wait, int unavailableWaits, int chektWaits, Refusal answer) {
            return new Result(Outcome.WAIT, wait, unavailableWaits, answer, chektWaits);
        }

        static Result dispatchNotTaken(Refusal refusal) {
            return new Result(Outcome.DISPATCH_NOT_TAKEN, null, 0, refusal, 0);
        }
    }

    /** CHeKT's answer to a dispatch it did not take, or has not taken yet; status 0 when no answer came. */
    public record Refusal(int status, String errorCode, String message, String requestId) {

        static Refusal of(ChektGatewayException answer) {
            return new Refusal(answer.httpStatus(), answer.errorCode().orElse(null), answer.getMessage(),
                    answer.requestId().orElse(null));
        }
    }
}
