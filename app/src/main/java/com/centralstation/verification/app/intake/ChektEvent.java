package com.centralstation.verification.app.intake;

import com.centralstation.verification.app.input.JsonInput;
import com.centralstation.verification.app.intake.ChektEvent;

/** CHeKT's webhook envelope: {@code {"id", "type", "created_at", "data"}}. */
public record ChektEvent(String id, String type, JsonInput data) {

    static final String VERIFICATION_REQUESTED = "verification.requested";
    static final String VERIFICATION_CANCELLED = "verification.cancelled";
    static final String ALARM_RESOLVED = "alarm.resolved";

    boolean isCancellation() {
        return VERIFICATION_CANCELLED.equals(type) || ALARM_RESOLVED.equals(type);
    }
}
