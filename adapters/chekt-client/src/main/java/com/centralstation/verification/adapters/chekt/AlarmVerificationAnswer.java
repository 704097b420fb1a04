package com.centralstation.verification.adapters.chekt;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * CHeKT's 200 answer to the PATCH: its own {@code id} for the response, and an echo of what it took.
 * Fields are boxed because a missing field is not the same as a zero.
 */
record AlarmVerificationAnswer(
        @JsonProperty("id") Long id,
        @JsonProperty("verification_id") String verificationId,
        @JsonProperty("contact_id") Long contactId,
        @JsonProperty("action") String action,
        @JsonProperty("responded_at") String respondedAt) {

    /**
     * Where the echo contradicts what was sent, one line per field. A field CHeKT leaves out is not a
     * contradiction (the page shows them all, a tolerant reader does not demand them).
     */
    List<String> disagreementsWith(AlarmVerificationPatch sent) {
        List<String> disagreements = new ArrayList<>();
        if (verificationId != null && !sameUuid(verificationId, sent.verificationId())) {
            disagreements.add("verification_id " + verificationId + " instead of " + sent.verificationId());
        }
        if (contactId != null && contactId != sent.contactId()) {
            disagreements.add("contact_id " + contactId + " instead of " + sent.contactId());
        }
        if (action != null && !action.toLowerCase(Locale.ROOT).equals(sent.action())) {
            disagreements.add("action " + action + " instead of " + sent.action());
        }
        return disagreements;
    }

    private static boolean sameUuid(String echoed, String sent) {
        try {
            return UUID.fromString(echoed).equals(UUID.fromString(sent));
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }
}
