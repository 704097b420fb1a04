package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotificationResult;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls the next contact on the verification's call list, on the channels the station enabled, and
 * says how it ended: delivered, unreachable or channel down. The outcome goes to the escalation
 * policy, which moves on at once from a contact nobody can reach and hands over when a channel is down.
 */
public final class NotifyNextContact {

    private final VerificationRepository verifications;
    private final ContactNotifier notifier;
    private final ResponseTokenStore tokens;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;
    private final Duration linkValidity;

    /** @param linkValidity how long a contact's response link works */
    public NotifyNextContact(VerificationRepository verifications, ContactNotifier notifier, ResponseTokenStore tokens,
                             AuditTrail audit, VerificationMetrics metrics, Clock clock, Duration linkValidity) {
        this.verifications = verifications;
        this.notifier = notifier;
        this.tokens = tokens;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.linkValidity = linkValidity;
    }

    /**
     * @throws NotificationFailedException when a channel failed but may work on a retry (audited in its
     *         own transaction, so the failure stays on record when the job's transaction rolls back)
     */
    public Outcome notifyNext(UUID verificationId) {
        VerificationRecord record = verifications.find(verificationId)
                .orElseThrow(() -> new IllegalStateException("no verification " + verificationId));
        if (!record.state().isOpen()) {
            return new Outcome(Optional.empty(), Optional.empty(), record.contactsNotified(), record.contactsLeft());
        }
        int position = record.contactsNotified() + 1;
        Optional<Contact> next = record.verification().callList().next(record.contactsNotified());
        if (next.isEmpty()) {
            audit.record(event(verificationId, AuditEventType.NO_CONTACT_LEFT,
                    Map.of(AuditDetail.CONTACTS_NOTIFIED, String.valueOf(record.contactsNotified()))));
            return new Outcome(Optional.empty(), Optional.empty(), record.contactsNotified(), 0);
        }
        Contact contact = next.get();
        NotificationResult result = send(record, contact, position);
        verifications.addNotified(verificationId,
                new NotifiedContact(contact.contactId(), position, clock.instant(), result.delivered()));
        int left = record.verification().callList().remainingAfter(position);
        return new Outcome(next, Optional.of(result.outcome()), position, left);
    }

    private NotificationResult send(VerificationRecord record, Contact contact, int position) {
        UUID id = record.verification().id();
        Map<String, String> who = Map.of(AuditDetail.CONTACT_ID, String.valueOf(contact.contactId()),
                AuditDetail.POSITION, String.valueOf(position));
        NotificationResult result;
        try {
            ResponseToken.Issued link = ResponseToken.issue(id, contact.contactId(), clock.instant().plus(linkValidity));
            tokens.save(link.token());
            result = notifier.notify(new ContactNotification(record.verification(), contact, position, link.rawToken()));
        } catch (NotificationFailedException failure) {
            Map<String, String> details = new HashMap<>(who);
            details.put(AuditDetail.REASON, String.valueOf(failure.getMessage()));
            details.put(AuditDetail.PERMANENT, "false");
            audit.recordIndependently(event(id, AuditEventType.NOTIFICATION_FAILED, details));
            throw failure;
        }
        for (String channel : result.channelsDown()) {
            audit.record(event(id, AuditEventType.CHANNEL_DOWN, Map.of(AuditDetail.CHANNEL, channel,
                    AuditDetail.CONTACT_ID, String.valueOf(contact.contactId()),
                    AuditDetail.REASON, String.valueOf(result.detail()))));
            metrics.channelDown(channel);
        }
        if (result.delivered()) {
            Map<String, String> details = new HashMap<>(who);
            details.put(AuditDetail.CHANNEL, String.valueOf(result.detail()));
            audit.record(event(id, AuditEventType.CONTACT_NOTIFIED, details));
        } else {
            Map<String, String> details = new HashMap<>(who);
            details.put(AuditDetail.REASON, String.valueOf(result.detail()));
            details.put(AuditDetail.PERMANENT, "true");
            details.put(AuditDetail.OUTCOME, result.outcome().code());
            audit.record(event(id, AuditEventType.NOTIFICATION_FAILED, details));
        }
        metrics.notified(result.outcome());
        return result;
    }

    private AuditEvent event(UUID id, AuditEventType type, Map<String, String> details) {
        return new AuditEvent(id, clock.instant(), type, Actor.ENGINE, details);
    }

    /**
     * @param contact the contact called this time, if one was left
     * @param notification how that contact's notification ended; empty when nobody was called
     * @param contactsNotified how many contacts have been called so far, this one included
     * @param contactsLeft how many are left on the call list after this one
     */
    public record Outcome(Optional<Contact> contact, Optional<NotificationOutcome> notification, int contactsNotified,
                          int contactsLeft) {

        public boolean delivered() {
            return notification.filter(n -> n == NotificationOutcome.DELIVERED).isPresent();
        }
    }
}
