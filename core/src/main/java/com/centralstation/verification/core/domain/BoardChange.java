package com.centralstation.verification.core.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Something that changed a verification on the board, as the service's change feed recorded it: a hint to look
 * again, not the new state.
 *
 * @param source   which feed it came from (the audit trail, ...)
 * @param position its place in that feed, increasing in the order the rows were written (not committed)
 * @param change   what happened, e.g. {@code verification_received}, {@code escalated}, {@code decision_received}
 */
public record BoardChange(String source, long position, UUID verificationId, String change) {

    public BoardChange {
        source = Require.text(source, "source");
        Objects.requireNonNull(verificationId, "verificationId");
        change = Require.text(change, "change");
    }
}
