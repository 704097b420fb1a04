package com.centralstation.verification.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** CHeKT's response-time bands, measured from the first notification to the contact's decision. */
public enum ResponseTime {
    IDEAL("0-2m", Duration.ofMinutes(2)),
    ACCEPTABLE("2-5m", Duration.ofMinutes(5)),
    LATE("5-10m", Duration.ofMinutes(10)),
    TOO_LATE("10m+", null);

    private final String label;
    private final Duration upperBound;

    ResponseTime(String label, Duration upperBound) {
        this.label = label;
        this.upperBound = upperBound;
    }

    public String label() {
        return label;
    }

    /** The longest time still in this band (inclusive); empty for the open-ended last band. */
    public Optional<Duration> upperBound() {
        return Optional.ofNullable(upperBound);
    }

    /** The band for a decision; a bound belongs to the band it closes (exactly 2:00 is still ideal). */
    public static ResponseTime of(Instant firstNotifiedAt, Instant respondedAt) {
        Duration elapsed = Duration.between(firstNotifiedAt, respondedAt);
        for (ResponseTime band : values()) {
            if (band.upperBound == null || elapsed.compareTo(band.upperBound) <= 0) {
                return band;
            }
        }
        throw new IllegalStateException("unreachable: the last band is open-ended");
    }
}
