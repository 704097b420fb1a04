package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * An operator closes a verification no contact confirmed. Nothing goes to CHeKT: its PATCH needs the
 * contact who responded, and this service never invents one.
 */
public final class CloseUnverified {

    private final VerificationRepository verifications;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;

    public CloseUnverified(VerificationRepository verifications, AuditTrail audit, VerificationMetrics metrics, Clock clock) {
        this.verifications = verifications;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @return false when the verification had already ended (decided, cancelled) */
    public boolean close(UUID verificationId, String operator, String reason) {
        String why = reason == null || reason.isBlank() ? "no contact could verify the alarm" : reason.strip();
        if (!verifications.close(verificationId, VerificationState.CLOSED_UNVERIFIED, why)) {
            return false;
        }
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.CLOSED_UNVERIFIED,
                Actor.operator(operator), Map.of(AuditDetail.REASON, why)));
        metrics.ended(VerificationState.CLOSED_UNVERIFIED);
        return true;
    }
}
