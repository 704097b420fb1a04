package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the voice provider reported about a call in one status callback.
 *
 * @param sequence the provider's {@code SequenceNumber}: the order in which it sent the reports of one call
 *                 (reports may arrive late, twice or out of order)
 * @param answeredBy who picked up, when the provider's answering-machine detection says (human, machine_start,
 *                   machine_end_beep, machine_end_silence, machine_end_other, fax, unknown)
 * @param durationSeconds the call's length, once it is over
 * @param receivedAt when the station received the report
 */
public record CallReport(String callSid, CallStatus status, OptionalInt sequence, Optional<String> answeredBy,
                         OptionalInt durationSeconds, Instant receivedAt) {

    public CallReport {
        callSid = Require.text(callSid, "callSid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sequence, "sequence");
        answeredBy = answeredBy == null ? Optional.empty() : answeredBy.filter(value -> !value.isBlank());
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
