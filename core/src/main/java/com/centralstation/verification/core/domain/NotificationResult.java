package com.centralstation.verification.core.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What notifying one contact came to.
 *
 * @param outcome delivered, unreachable or channel down
 * @param detail the channel that delivered (or may have), or why none did
 * @param channelsDown the channels that failed on our side on the way, also when another channel
 *        delivered after them: each is an alert
 * @param unconfirmedBecause for a delivery no channel confirmed: why it may have left all the same (a gateway that
 *        took the request and did not answer in time). Such a message is never sent again, and for the escalation
 *        policy it counts as delivered: the contact may well have the link
 */
public record NotificationResult(NotificationOutcome outcome, String detail, List<String> channelsDown,
                                 Optional<String> unconfirmedBecause) {

    public NotificationResult {
        Objects.requireNonNull(outcome, "outcome");
        channelsDown = List.copyOf(channelsDown);
        unconfirmedBecause = unconfirmedBecause == null ? Optional.empty() : unconfirmedBecause;
        if (outcome == NotificationOutcome.CHANNEL_DOWN && channelsDown.isEmpty()) {
            throw new IllegalArgumentException("a channel-down result names the channel");
        }
        if (unconfirmedBecause.isPresent() && outcome != NotificationOutcome.DELIVERED) {
            throw new IllegalArgumentException("only a delivery can be unconfirmed");
        }
    }

    public NotificationResult(NotificationOutcome outcome, String detail, List<String> channelsDown) {
        this(outcome, detail, channelsDown, Optional.empty());
    }

    public static NotificationResult delivered(String channel, List<String> channelsDown) {
        return new NotificationResult(NotificationOutcome.DELIVERED, channel, channelsDown);
    }

    /** A channel may have taken the message without saying so; {@code reason} says why that is not known. */
    public static NotificationResult unconfirmed(String channel, String reason, List<String> channelsDown) {
        return new NotificationResult(NotificationOutcome.DELIVERED, channel, channelsDown, Optional.of(reason));
    }

    public static NotificationResult unreachable(String reason) {
        return new NotificationResult(NotificationOutcome.UNREACHABLE, reason, List.of());
    }

    public static NotificationResult channelDown(String reason, List<String> channelsDown) {
        return new NotificationResult(NotificationOutcome.CHANNEL_DOWN, reason, channelsDown);
    }

    /** A channel took the message, or may have: the contact counts as notified either way. */
    public boolean delivered() {
        return outcome == NotificationOutcome.DELIVERED;
    }

    /** How the contact's notification stands after this result. */
    public NotificationDelivery delivery() {
        if (!delivered()) {
            return NotificationDelivery.FAILED;
        }
        return unconfirmedBecause.isPresent() ? NotificationDelivery.UNCONFIRMED : NotificationDelivery.DELIVERED;
    }
}
