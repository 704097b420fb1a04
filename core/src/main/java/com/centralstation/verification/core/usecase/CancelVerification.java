package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Ends an open verification because CHeKT cancelled it or the alarm was resolved. */
public final class CancelVerification {

    private final VerificationRepository verifications;
    private final VerificationProcess process;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;

    public CancelVerification(VerificationRepository verifications, VerificationProcess process, AuditTrail audit,
                              VerificationMetrics metrics, Clock clock) {
        this.verifications = verifications;
        this.process = process;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Outcome cancel(UUID verificationId, String reason) {
        Optional<VerificationRecord> found = verifications.find(verificationId);
        if (found.isEmpty()) {
            return Outcome.UNKNOWN_VERIFICATION;
        }
        VerificationState state = found.get().state();
        if (state != VerificationState.OPEN && state != VerificationState.DECIDED) {
            return Outcome.ALREADY_ENDED;
        }
        if (!verifications.close(verificationId, VerificationState.CANCELLED, reason)) {
            return Outcome.ALREADY_ENDED;
        }
        process.cancel(verificationId, reason);
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.CANCELLED, "chekt",
                Map.of("reason", reason, "stateBefore", state.name())));
        metrics.ended(VerificationState.CANCELLED);
        return Outcome.CANCELLED;
    }

    public enum Outcome {
        CANCELLED,
        UNKNOWN_VERIFICATION,
        ALREADY_ENDED
    }
}
