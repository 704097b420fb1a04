package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whom the station tried to reach up to a moment, the facts enhanced call verification is judged on: a
 * contact counts once a message with their link may have reached them or a channel took a message for it; an
 * address counts once a message was sent to it, delivered or not (a try without any address reached nobody).
 */
public record ContactsTried(int contacts, int addresses) {

    public static ContactsTried upTo(Instant moment, VerificationRecord record, List<NotificationAttempt> attempts) {
        Set<Long> contacts = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        attempts.stream().filter(a -> !a.attemptedAt().isAfter(moment) && a.address() != null).forEach(a -> {
            contacts.add(a.contactId());
            addresses.add(a.address());
        });
        record.notified().stream().filter(n -> n.delivery().mayHaveReached() && !n.notifiedAt().isAfter(moment))
                .forEach(n -> contacts.add(n.contactId()));
        return new ContactsTried(contacts.size(), addresses.size());
    }
}
