package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.ChektGateway;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import org.springframework.http.ResponseEntity;

import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;

/** Submits a contact's decision with CHeKT's {@code PATCH .../alarm-verifications/{id}}. */
final class ChektFeignGateway implements ChektGateway {

    private final AlarmVerificationsClient alarmVerifications;
    private final ChektCalls calls;
    private final SubmissionRateLimit rateLimit;
    private final Clock clock;

    /** @param rateLimit this node's own limit, or {@code null} for none */
    ChektFeignGateway(AlarmVerificationsClient alarmVerifications, ChektCalls calls, SubmissionRateLimit rateLimit,
                      Clock clock) {
        this.alarmVerifications = alarmVerifications;
        this.calls = calls;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    @Override
    public SubmissionReceipt submit(ChektReference verification, ContactDecision decision) {
        AlarmVerificationPatch patch = AlarmVerificationPatch.of(verification, decision);
        String idempotencyKey = "verification-" + verification.verificationId();
        if (rateLimit != null) {
            rateLimit.acquire(verification.verificationId(), decision.action() == VerificationAction.DISPATCH);
        }
        return calls.call(ChektCalls.SUBMIT, traceId -> {
            ResponseEntity<AlarmVerificationAnswer> response = alarmVerifications.respond(verification.site().dealerId(),
                    verification.site().siteId(), verification.alarmVerificationId(), traceId.toString(),
                    idempotencyKey, patch);
            int status = response.getStatusCode().value();
            AlarmVerificationAnswer answer = response.getBody();
            if (answer == null || answer.id() == null) {
                // CHeKT took something but did not say what; the same Idempotency-Key makes a retry harmless.
                throw new ChektGatewayException.Unavailable("CHeKT answered " + status + " without the id of the response",
                        status, null, null, null, traceId, null);
            }
            List<String> disagreements = answer.disagreementsWith(patch);
            if (!disagreements.isEmpty()) {
                // CHeKT recorded something other than the decision: sending it again would get the same answer,
                // and calling it a success would report a decision CHeKT does not have. A person must look.
                throw new ChektGatewayException.Rejected("CHeKT's answer disagrees with the decision sent: "
                        + String.join("; ", disagreements), status, null, null, traceId);
            }
            return new SubmissionReceipt(answer.id(), traceId, clock.instant(), OptionalInt.of(status));
        });
    }
}
