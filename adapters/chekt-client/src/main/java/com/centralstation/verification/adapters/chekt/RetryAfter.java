package com.centralstation.verification.adapters.chekt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); and CHeKT's
 * {@code X-RateLimit-Reset}: when its rate-limit bucket refills.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /** @return the wait CHeKT asked for, or {@code null} when it asked for none or the value is unreadable */
    static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        try {
            Duration wait = Duration.between(clock.instant(),
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** Below this a reset value is seconds from now; from it on, Unix seconds (both conventions are in use). */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    /**
     * @return the wait until CHeKT's bucket refills, or {@code null} when the value is missing or unreadable. The
     *         value is read as Unix seconds when it is that large, else as seconds from now.
     */
    static Duration parseRateLimitReset(String value, Clock clock) {
        if (value == null || value.isBlank() || !value.strip().chars().allMatch(Character::isDigit)) {
            return null;
        }
        long number;
        try {
            number = Long.parseLong(value.strip());
        } catch (NumberFormatException tooLarge) {
            return null;
        }
        if (number < EPOCH_SECONDS_FROM) {
            return Duration.ofSeconds(number);
        }
        Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(number));
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
