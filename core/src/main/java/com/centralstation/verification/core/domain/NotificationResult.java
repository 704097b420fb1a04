package com.centralstation.verification.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * What notifying one contact came to.
 *
 * @param outcome delivered, unreachable or channel down
 * @param detail the channel that delivered, or why none did
 * @param channelsDown the channels that failed on our side on the way, also when another channel
 *        delivered after them: each is an alert
 */
public record NotificationResult(NotificationOutcome outcome, String detail, List<String> channelsDown) {

    public NotificationResult {
        Objects.requireNonNull(outcome, "outcome");
        channelsDown = List.copyOf(channelsDown);
        if (outcome == NotificationOutcome.CHANNEL_DOWN && channelsDown.isEmpty()) {
            throw new IllegalArgumentException("a channel-down result names the channel");
        }
    }

    public static NotificationResult delivered(String channel, List<String> channelsDown) {
        return new NotificationResult(NotificationOutcome.DELIVERED, channel, channelsDown);
    }

    public static NotificationResult unreachable(String reason) {
        return new NotificationResult(NotificationOutcome.UNREACHABLE, reason, List.of());
    }

    public static NotificationResult channelDown(String reason, List<String> channelsDown) {
        return new NotificationResult(NotificationOutcome.CHANNEL_DOWN, reason, channelsDown);
    }

    public boolean delivered() {
        return outcome == NotificationOutcome.DELIVERED;
    }
}
