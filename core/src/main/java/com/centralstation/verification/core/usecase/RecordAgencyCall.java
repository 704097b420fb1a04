package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.port.out.AuditTrail;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** An operator called the responding agency for a dispatch CHeKT did not take; the call goes into the audit trail. */
public final class RecordAgencyCall {

    private final AuditTrail audit;
    private final Clock clock;

    public RecordAgencyCall(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    public void record(UUID verificationId, String operator, String note) {
        Map<String, String> details = new HashMap<>();
        if (note != null && !note.isBlank()) {
            details.put(AuditDetail.NOTE, note.strip());
        }
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.AGENCY_CALLED,
                Actor.operator(operator), details));
    }
}
