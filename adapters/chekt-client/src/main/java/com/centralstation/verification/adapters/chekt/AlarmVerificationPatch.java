package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.ContactDecision;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The body of CHeKT's PATCH, exactly as its Alarm Verifications page shows it: the UUID as a string, the contact
 * id as a number, the action in lower case, the time of the decision in ISO-8601 UTC with {@code Z}.
 */
record AlarmVerificationPatch(
        @JsonProperty("verification_id") String verificationId,
        @JsonProperty("contact_id") long contactId,
        @JsonProperty("action") String action,
        @JsonProperty("responded_at") String respondedAt) {

    /**
     * Formatted here rather than by Jackson so no mapper setting can turn it into a number or an offset. Whole
     * seconds print without a fraction ({@code 2026-05-26T10:22:05Z}); finer times keep milliseconds at most.
     */
    static AlarmVerificationPatch of(ChektReference verification, ContactDecision decision) {
        return new AlarmVerificationPatch(
                verification.verificationId().toString(),
                decision.contactId(),
                decision.action().code(),
                DateTimeFormatter.ISO_INSTANT.format(decision.respondedAt().truncatedTo(ChronoUnit.MILLIS)));
    }
}
