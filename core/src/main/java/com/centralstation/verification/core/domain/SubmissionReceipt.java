package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * CHeKT's acknowledgement of a submitted decision.
 *
 * @param chektId the id CHeKT gave the verification response
 * @param traceId the {@code x-partner-trace-id} we sent, which CHeKT keeps in its logs
 */
public record SubmissionReceipt(long chektId, UUID traceId, Instant submittedAt) {

    public SubmissionReceipt {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
