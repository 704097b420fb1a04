package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The read side: one verification with its timeline, or the verifications in a state. */
public final class VerificationQueries {

    private final VerificationRepository verifications;
    private final AuditTrail audit;

    public VerificationQueries(VerificationRepository verifications, AuditTrail audit) {
        this.verifications = verifications;
        this.audit = audit;
    }

    public Optional<VerificationView> find(UUID verificationId) {
        return verifications.find(verificationId).map(record -> new VerificationView(record, audit.timeline(verificationId)));
    }

    public List<VerificationRecord> inState(VerificationState state, int limit) {
        return verifications.findByState(state, limit);
    }

    public record VerificationView(VerificationRecord record, List<AuditEvent> timeline) {
    }
}
