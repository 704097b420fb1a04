package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Calls the next contact on the verification's call list. */
public final class NotifyNextContact {

    private final VerificationRepository verifications;
    private final ContactNotifier notifier;
    private final ResponseTokenStore tokens;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration linkValidity;

    /** @param linkValidity how long a contact's response link works */
    public NotifyNextContact(VerificationRepository verifications, ContactNotifier notifier, ResponseTokenStore tokens,
                             AuditTrail audit, Clock clock, Duration linkValidity) {
        this.verifications = verifications;
        this.notifier = notifier;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.linkValidity = linkValidity;
    }

    /**
     * @throws NotificationFailedException when the channel failed but may work on a retry; a
     *         permanent failure is recorded and returned instead, so the escalation moves on
     */
    public Outcome notifyNext(UUID verificationId) {
        VerificationRecord record = verifications.find(verificationId)
                .orElseThrow(() -> new IllegalStateException("no verification " + verificationId));
        if (!record.state().isOpen()) {
            return new Outcome(Optional.empty(), false, record.contactsNotified(), record.contactsLeft());
        }
        int position = record.contactsNotified() + 1;
        Optional<Contact> next = record.verification().callList().next(record.contactsNotified());
        if (next.isEmpty()) {
            audit.record(event(verificationId, AuditEventType.NO_CONTACT_LEFT, "engine",
                    Map.of("contactsNotified", String.valueOf(record.contactsNotified()))));
            return new Outcome(Optional.empty(), false, record.contactsNotified(), 0);
        }
        Contact contact = next.get();
        boolean delivered = send(record, contact, position);
        verifications.addNotified(verificationId, new NotifiedContact(contact.contactId(), position, clock.instant(), delivered));
        int left = record.verification().callList().remainingAfter(position);
        return new Outcome(next, delivered, position, left);
    }

    private boolean send(VerificationRecord record, Contact contact, int position) {
        UUID id = record.verification().id();
        Map<String, String> who = Map.of("contactId", String.valueOf(contact.contactId()), "position", String.valueOf(position));
        try {
            ResponseToken.Issued link = ResponseToken.issue(id, contact.contactId(), clock.instant().plus(linkValidity));
            tokens.save(link.token());
            notifier.notify(new ContactNotification(record.verification(), contact, position, link.rawToken()));
            audit.record(event(id, AuditEventType.CONTACT_NOTIFIED, "engine", who));
            return true;
        } catch (NotificationFailedException failure) {
            Map<String, String> details = new HashMap<>(who);
            details.put("reason", String.valueOf(failure.getMessage()));
            details.put("permanent", String.valueOf(failure.isPermanent()));
            AuditEvent failed = event(id, AuditEventType.NOTIFICATION_FAILED, "engine", details);
            if (!failure.isPermanent()) {
                audit.recordIndependently(failed);
                throw failure;
            }
            audit.record(failed);
            return false;
        }
    }

    private AuditEvent event(UUID id, AuditEventType type, String actor, Map<String, String> details) {
        return new AuditEvent(id, clock.instant(), type, actor, details);
    }

    /**
     * @param contact the contact called this time, if one was left
     * @param delivered false when the contact's channel failed for good
     * @param contactsNotified how many contacts have been called so far, this one included
     * @param contactsLeft how many are left on the call list after this one
     */
    public record Outcome(Optional<Contact> contact, boolean delivered, int contactsNotified, int contactsLeft) {
    }
}
