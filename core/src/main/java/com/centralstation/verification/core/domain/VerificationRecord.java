package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What we know about a verification at one moment: the request, its state, who was called, the decision and its submission. */
public record VerificationRecord(Verification verification, VerificationState state, List<NotifiedContact> notified,
                                 Optional<ContactDecision> decision, Optional<SubmissionReceipt> submission,
                                 Optional<String> closeReason) {

    public VerificationRecord {
        notified = List.copyOf(notified);
    }

    public int contactsNotified() {
        return notified.size();
    }

    public int contactsLeft() {
        return verification.callList().remainingAfter(notified.size());
    }

    public Optional<Instant> firstNotifiedAt() {
        return notified.stream().map(NotifiedContact::notifiedAt).min(Instant::compareTo);
    }

    public boolean wasNotified(long contactId) {
        return notified.stream().anyMatch(n -> n.contactId() == contactId);
    }
}
