package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.ChektGateway;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Sends the verification's decision to CHeKT and records what CHeKT answered. */
public final class SubmitDecision {

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
     * @return {@link Outcome#SUBMITTED}, or {@link Outcome#CLOSED_BY_CHEKT} when CHeKT no longer takes
     *         a decision for it (404, 409, 422): final, audited, nothing to retry
     * @throws ChektGatewayException when CHeKT is unavailable or refuses us; the failed attempt is
     *         audited in its own transaction and the caller (the engine's job) retries
     */
    public Outcome submit(UUID verificationId) {
        VerificationRecord record = verifications.find(verificationId)
                .orElseThrow(() -> new IllegalStateException("no verification " + verificationId));
        if (record.submission().isPresent()) {
            return Outcome.SUBMITTED;
        }
        ContactDecision decision = record.decision()
                .orElseThrow(() -> new IllegalStateException("verification " + verificationId + " has no decision to submit"));
        try {
            SubmissionReceipt receipt = chekt.submit(record.verification().chekt(), decision);
            verifications.markSubmitted(verificationId, receipt);
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.DECISION_SUBMITTED, "engine", Map.of(
                    "traceId", receipt.traceId().toString(),
                    "chektId", String.valueOf(receipt.chektId()),
                    "contactId", String.valueOf(decision.contactId()),
                    "action", decision.action().code())));
            metrics.ended(VerificationState.SUBMITTED);
            return Outcome.SUBMITTED;
        } catch (ChektGatewayException failure) {
            if (isClosedByChekt(failure)) {
                verifications.close(verificationId, VerificationState.CLOSED_BY_CHEKT, failure.getMessage());
                audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.CLOSED_BY_CHEKT, "chekt",
                        failureDetails(failure)));
                metrics.ended(VerificationState.CLOSED_BY_CHEKT);
                return Outcome.CLOSED_BY_CHEKT;
            }
            audit.recordIndependently(new AuditEvent(verificationId, clock.instant(), AuditEventType.SUBMISSION_FAILED,
                    "engine", failureDetails(failure)));
            throw failure;
        }
    }

    /** CHeKT's 422 on this endpoint means the verification can no longer take this answer. */
    private static boolean isClosedByChekt(ChektGatewayException failure) {
        return failure instanceof ChektGatewayException.ClosedOrUnknown
                || (failure instanceof ChektGatewayException.Rejected && failure.httpStatus() == 422);
    }

    private static Map<String, String> failureDetails(ChektGatewayException failure) {
        Map<String, String> details = new HashMap<>();
        details.put("outcome", failure.getClass().getSimpleName());
        details.put("status", String.valueOf(failure.httpStatus()));
        details.put("message", String.valueOf(failure.getMessage()));
        failure.errorCode().ifPresent(code -> details.put("errorCode", code));
        failure.requestId().ifPresent(id -> details.put("requestId", id));
        failure.traceId().ifPresent(id -> details.put("traceId", id.toString()));
        if (failure instanceof ChektGatewayException.Unavailable unavailable) {
            unavailable.retryAfter().ifPresent(after -> details.put("retryAfter", after.toString()));
        }
        return details;
    }

    public enum Outcome {
        SUBMITTED,
        CLOSED_BY_CHEKT
    }
}
