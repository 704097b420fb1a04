package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of a verification's audit trail.
 *
 * @param actor who caused it: {@code chekt}, {@code engine}, {@code contact:67890}, {@code operator:jane}, ...
 * @param details what else a supervisor needs to understand the step (trace ids, status codes, reasons)
 */
public record AuditEvent(UUID verificationId, Instant at, AuditEventType type, String actor, Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        actor = Require.text(actor, "actor");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
