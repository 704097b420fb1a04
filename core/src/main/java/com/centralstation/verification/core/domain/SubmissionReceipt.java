package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * CHeKT's acknowledgement of a submitted decision.
 *
 * @param chektId the id CHeKT gave the verification response
 * @param traceId the {@code x-partner-trace-id} we sent, which CHeKT keeps in its logs
 * @param httpStatus the 2xx status CHeKT answered with; empty for a submission recorded before the status was kept
 */
public record SubmissionReceipt(long chektId, UUID traceId, Instant submittedAt, OptionalInt httpStatus) {

    public SubmissionReceipt {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(httpStatus, "httpStatus");
        if (httpStatus.isPresent() && (httpStatus.getAsInt() < 200 || httpStatus.getAsInt() > 299)) {
            throw new IllegalArgumentException("a receipt is a 2xx answer, was " + httpStatus.getAsInt());
        }
    }
}
