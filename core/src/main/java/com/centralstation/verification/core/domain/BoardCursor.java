package com.centralstation.verification.core.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a page of the board ended: the last verification's place in the board's order (class, then received, then
 * id). The next page starts after it, so a page never repeats or skips a verification that stays open, however
 * many arrive meanwhile. {@link #token()} is the opaque text a caller sends back.
 */
public record BoardCursor(AlarmClass alarmClass, Instant receivedAt, UUID verificationId) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public BoardCursor {
        Objects.requireNonNull(alarmClass, "alarmClass");
        // The database keeps microseconds; a finer cursor would compare unequal to the row it came from.
        receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(verificationId, "verificationId");
    }

    public static BoardCursor after(OpenVerification verification) {
        return new BoardCursor(verification.alarmClass(), verification.receivedAt(), verification.verificationId());
    }

    public String token() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, receivedAt);
        return ENCODER.encodeToString((alarmClass.code() + "~" + micros + "~" + verificationId)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this board gave out */
    public static BoardCursor parse(String token) {
        try {
            String[] parts = new String(DECODER.decode(token), StandardCharsets.UTF_8).split("~", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a board cursor");
            }
            AlarmClass alarmClass = AlarmClass.fromCode(parts[0])
                    .orElseThrow(() -> new IllegalArgumentException("not a board cursor"));
            return new BoardCursor(alarmClass, Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS),
                    UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a board cursor", e);
        }
    }
}
