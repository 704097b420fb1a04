package com.centralstation.verification.app.intake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CHeKT's webhook envelope: {@code {"id", "type", "created_at", "data"}}.
 *
 * @param id the event id, or one derived from the body when CHeKT sent none (a retry carries the same body)
 * @param data the {@code data} object; null when the delivery has none
 */
public record ChektEvent(String id, String type, JsonNode data) {

    static final String VERIFICATION_REQUESTED = "verification.requested";
    static final String VERIFICATION_CANCELLED = "verification.cancelled";
    static final String ALARM_RESOLVED = "alarm.resolved";

    boolean isRequest() {
        return VERIFICATION_REQUESTED.equals(type);
    }

    boolean isCancellation() {
        return VERIFICATION_CANCELLED.equals(type) || ALARM_RESOLVED.equals(type);
    }
}
