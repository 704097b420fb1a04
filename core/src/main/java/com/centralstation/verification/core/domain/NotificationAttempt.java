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
 * @param detail the gateway's message id on success, the reason on failure
 */
public record NotificationAttempt(UUID verificationId, long contactId, String channel, String address,
                                  Instant attemptedAt, boolean delivered, String detail) {

    public NotificationAttempt {
        Objects.requireNonNull(verificationId, "verificationId");
        channel = Require.text(channel, "channel");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
    }
}
