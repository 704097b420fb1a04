package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One try to reach a contact on one channel: the evidence a station keeps for enhanced call
 * verification rules.
 *
 * @param channel sms, email, webhook, log
 * @param address the phone number, e-mail address or URL the message went to
 * @param delivered the channel confirmed it took the message
 * @param detail the gateway's message id on success, the reason on failure
 * @param unconfirmed not delivered as far as we know, but the message may have left: the channel took the request and
 *                    gave no answer (a read timeout, a connection lost after sending)
 */
public record NotificationAttempt(UUID verificationId, long contactId, String channel, String address,
                                  Instant attemptedAt, boolean delivered, String detail, boolean unconfirmed) {

    public NotificationAttempt {
        Objects.requireNonNull(verificationId, "verificationId");
        channel = Require.text(channel, "channel");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
        if (delivered && unconfirmed) {
            throw new IllegalArgumentException("a delivered attempt is confirmed");
        }
    }

    /** A try whose result is known: delivered, or failed without anything leaving. */
    public NotificationAttempt(UUID verificationId, long contactId, String channel, String address,
                               Instant attemptedAt, boolean delivered, String detail) {
        this(verificationId, contactId, channel, address, attemptedAt, delivered, detail, false);
    }

    /** Failed, and nothing left: counts towards the attempts after which a channel is given up. */
    public boolean failed() {
        return !delivered && !unconfirmed;
    }

    /** {@code delivered}, {@code unconfirmed} or {@code failed}, as the evidence pack and the read API say it. */
    public String result() {
        return delivered ? "delivered" : unconfirmed ? "unconfirmed" : "failed";
    }
}
