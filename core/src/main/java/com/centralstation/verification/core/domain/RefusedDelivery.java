package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A signed CHeKT delivery that could not be used, kept as it arrived so nothing signed is lost without a
 * trace: its bytes and the headers needed to check its signature again, and why it was refused.
 *
 * @param reason a short code ({@code unparsable}, {@code required_field}, {@code media_type})
 * @param field the part of the delivery at fault, such as {@code data.verification_id}; null when none
 */
public record RefusedDelivery(Instant receivedAt, String reason, String field, String detail, Map<String, String> headers,
                              byte[] body) {

    public RefusedDelivery {
        Objects.requireNonNull(receivedAt, "receivedAt");
        reason = Require.text(reason, "reason");
        detail = Require.text(detail, "detail");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
