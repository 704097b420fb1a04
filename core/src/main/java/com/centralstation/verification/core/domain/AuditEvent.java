package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of a verification's audit trail.
 *
 * @param actor who caused it
 * @param details what else a supervisor needs to understand the step (trace ids, status codes, reasons), by the
 *                keys of {@link AuditDetail}
 */
public record AuditEvent(UUID verificationId, Instant at, AuditEventType type, Actor actor, Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
