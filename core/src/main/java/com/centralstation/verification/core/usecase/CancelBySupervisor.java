package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A supervisor ended a verification's process from outside the model (cancelled or deleted the instance in
 * Cockpit): the verification must not stay open with nothing running for it. Runs in the transaction that ends
 * the process, so both stand or fall together.
 */
public final class CancelBySupervisor {

    private final VerificationRepository verifications;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;

    public CancelBySupervisor(VerificationRepository verifications, AuditTrail audit, VerificationMetrics metrics,
                              Clock clock) {
        this.verifications = verifications;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param supervisor who did it, when known
     * @param reason     the reason given in Cockpit, when any
     * @return the state the verification is left in; an open or decided one becomes
     *         {@link VerificationState#CANCELLED_BY_SUPERVISOR}, one already ended keeps its state (the ending is
     *         audited all the same)
     */
    public Optional<VerificationState> cancel(UUID verificationId, String supervisor, String reason) {
        Optional<VerificationRecord> found = verifications.find(verificationId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        VerificationState before = found.get().state();
        String why = reason == null || reason.isBlank() ? "process instance cancelled by a supervisor" : reason.strip();
        boolean closed = verifications.close(verificationId, VerificationState.CANCELLED_BY_SUPERVISOR, why);
        Map<String, String> details = new HashMap<>();
        details.put(AuditDetail.REASON, why);
        details.put(AuditDetail.STATE_BEFORE, before.name());
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.CANCELLED_BY_SUPERVISOR,
                Actor.supervisor(supervisor), details));
        if (closed) {
            metrics.ended(VerificationState.CANCELLED_BY_SUPERVISOR);
            return Optional.of(VerificationState.CANCELLED_BY_SUPERVISOR);
        }
        return Optional.of(before);
    }
}
