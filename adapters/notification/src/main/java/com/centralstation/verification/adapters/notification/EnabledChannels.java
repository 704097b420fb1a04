package com.centralstation.verification.adapters.notification;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The channels this deployment notifies on, in the configured order. A notification tries them in turn until one
 * delivers, so at worst it tries every one: {@link #longestNotification()} is what a notification job adds to the
 * longest a job can run.
 */
public final class EnabledChannels {

    private final List<NotificationChannel> channels;

    EnabledChannels(List<NotificationChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    List<NotificationChannel> inOrder() {
        return channels;
    }

    public List<String> names() {
        return channels.stream().map(NotificationChannel::name).toList();
    }

    /** Every enabled channel's longest send, added up; empty when one of them may wait without end. */
    public Optional<Duration> longestNotification() {
        Optional<Duration> total = Optional.of(Duration.ZERO);
        for (NotificationChannel channel : channels) {
            total = total.flatMap(sum -> channel.longestSend().map(sum::plus));
        }
        return total;
    }

    /** Each channel's longest send, for the start-up log: {@code sms 7.0 s, email 33.0 s}. */
    public String explain() {
        return channels.stream().map(channel -> channel.name() + " " + channel.longestSend()
                .map(d -> d.toMillis() / 1000.0 + " s").orElse("unbounded")).collect(Collectors.joining(", "));
    }
}
