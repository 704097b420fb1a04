package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotificationResult;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.UnitOfWork;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls the next contact on the verification's call list, on the channels the station enabled, and
 * says how it ended: delivered, unreachable or channel down. The outcome goes to the escalation
 * policy, which moves on at once from a contact nobody can reach and hands over when a channel is down.
 *
 * <p>Transactions: the contact counts as notified from the moment a message with their link may leave. So before
 * anything is sent, the link's token and the notified contact ({@link NotificationDelivery#SENDING}) commit together,
 * on their own: an answer through the link is accepted whatever becomes of the job afterwards. How the send ended is
 * written in the caller's transaction (the engine's job). When every channel failed in a way that may pass and
 * nothing left, that is committed on its own too ({@link NotificationDelivery#NOT_SENT}) and the job is retried: the
 * retry sends again, with a new link, since the first never left. When the job ran again without knowing how its
 * send ended (rolled back after sending, or the service stopped in between), the message may have left: it is never
 * sent again. The notification log says whether a channel took it; otherwise the contact stands as notified with the
 * delivery unconfirmed.
 */
public final class NotifyNextContact {

    private final VerificationRepository verifications;
    private final ContactNotifier notifier;
    private final ResponseTokenStore tokens;
    private final NotificationLog notificationLog;
    private final UnitOfWork unitOfWork;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;
    private final Duration linkValidity;

    /** @param linkValidity how long a contact's response link works */
    public NotifyNextContact(VerificationRepository verifications, ContactNotifier notifier, ResponseTokenStore tokens,
                             NotificationLog notificationLog, UnitOfWork unitOfWork, AuditTrail audit,
                             VerificationMetrics metrics, Clock clock, Duration linkValidity) {
        this.verifications = verifications;
        this.notifier = notifier;
        this.tokens = tokens;
        this.notificationLog = notificationLog;
        this.unitOfWork = unitOfWork;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.linkValidity = linkValidity;
    }

    /**
     * @throws NotificationFailedException when every channel failed in a way that may pass and no message left
     *         (recorded and audited in a transaction of its own, so it stays on record when the job's transaction
     *         rolls back)
     */
    public Outcome notifyNext(UUID verificationId) {
        VerificationRecord record = verifications.find(verificationId)
                .orElseThrow(() -> new IllegalStateException("no verification " + verificationId));
        if (!record.state().isOpen()) {
            return new Outcome(Optional.empty(), Optional.empty(), record.contactsNotified(), record.contactsLeft());
        }
        Optional<NotifiedContact> unsettled = record.notified().stream().filter(n -> n.delivery().unsettled())
                .reduce((first, later) -> later);
        if (unsettled.isPresent()) {
            return resume(record, unsettled.get());
        }
        int position = record.contactsNotified() + 1;
        Optional<Contact> next = record.verification().callList().next(record.contactsNotified());
        if (next.isEmpty()) {
            audit.record(event(verificationId, AuditEventType.NO_CONTACT_LEFT,
                    Map.of(AuditDetail.CONTACTS_NOTIFIED, String.valueOf(record.contactsNotified()))));
            return new Outcome(Optional.empty(), Optional.empty(), record.contactsNotified(), 0);
        }
        NotifiedContact notified = new NotifiedContact(next.get().contactId(), position, clock.instant(),
                NotificationDelivery.SENDING);
        return send(record, next.get(), notified, true);
    }

    /** The job runs again for a notification it started: send again only what certainly did not leave. */
    private Outcome resume(VerificationRecord record, NotifiedContact unsettled) {
        Contact contact = record.verification().callList().find(unsettled.contactId()).orElseThrow(() -> new IllegalStateException("contact " + unsettled.contactId()
                        + " was notified but is not on the call list of verification " + record.verification().id()));
        if (unsettled.delivery() == NotificationDelivery.NOT_SENT) {
            return send(record, contact, new NotifiedContact(contact.contactId(), unsettled.position(), clock.instant(),
                    NotificationDelivery.SENDING), false);
        }
        return settleUnknown(record, contact, unsettled);
    }

    private Outcome send(VerificationRecord record, Contact contact, NotifiedContact notified, boolean first) {
        UUID id = record.verification().id();
        ResponseToken.Issued link = ResponseToken.issue(id, contact.contactId(), clock.instant().plus(linkValidity));
        unitOfWork.inOneTransaction(() -> {
            tokens.save(link.token());
            if (first) {
                verifications.addNotified(id, notified);
            } else {
                verifications.updateNotified(id, notified);
            }
            return null;
        });
        NotificationResult result;
        try {
            result = notifier.notify(new ContactNotification(record.verification(), contact, notified.position(),
                    link.rawToken()));
        } catch (NotificationFailedException nothingLeft) {
            Map<String, String> details = who(contact, notified.position());
            details.put(AuditDetail.REASON, String.valueOf(nothingLeft.getMessage()));
            details.put(AuditDetail.PERMANENT, "false");
            unitOfWork.inOneTransaction(() -> {
                verifications.updateNotified(id, notified.settled(NotificationDelivery.NOT_SENT));
                audit.record(event(id, AuditEventType.NOTIFICATION_FAILED, details));
                return null;
            });
            throw nothingLeft;
        }
        verifications.updateNotified(id, notified.settled(result.delivery()));
        auditResult(id, contact, notified.position(), result);
        return outcome(record, contact, notified.position(), result.outcome());
    }

    /**
     * The message may have left before the job's transaction was lost: never send it again. A channel that took it
     * is on record in the notification log (written on its own as each attempt ends); without one, the contact
     * stands as notified with the delivery unconfirmed.
     */
    private Outcome settleUnknown(VerificationRecord record, Contact contact, NotifiedContact unsettled) {
        UUID id = record.verification().id();
        List<NotificationAttempt> since = notificationLog.attempts(id).stream()
                .filter(a -> a.contactId() == contact.contactId() && !a.attemptedAt().isBefore(unsettled.notifiedAt()))
                .toList();
        NotificationResult result = since.stream().filter(NotificationAttempt::delivered).findFirst()
                .map(taken -> NotificationResult.delivered(taken.channel(), List.of()))
                .orElseGet(() -> NotificationResult.unconfirmed(
                        since.stream().filter(NotificationAttempt::unconfirmed).map(NotificationAttempt::channel)
                                .findFirst().orElse(null),
                        "the notification's job ended before it recorded how the send went; the message may have left",
                        List.of()));
        verifications.updateNotified(id, unsettled.settled(result.delivery()));
        auditResult(id, contact, unsettled.position(), result);
        return outcome(record, contact, unsettled.position(), result.outcome());
    }

    private void auditResult(UUID id, Contact contact, int position, NotificationResult result) {
        for (String channel : result.channelsDown()) {
            audit.record(event(id, AuditEventType.CHANNEL_DOWN, Map.of(AuditDetail.CHANNEL, channel,
                    AuditDetail.CONTACT_ID, String.valueOf(contact.contactId()),
                    AuditDetail.REASON, String.valueOf(result.detail()))));
            metrics.channelDown(channel);
        }
        Map<String, String> details = who(contact, position);
        if (result.delivered()) {
            if (result.detail() != null) {
                details.put(AuditDetail.CHANNEL, result.detail());
            }
            details.put(AuditDetail.DELIVERY, result.delivery().code());
            result.unconfirmedBecause().ifPresent(reason -> details.put(AuditDetail.REASON, reason));
            audit.record(event(id, AuditEventType.CONTACT_NOTIFIED, details));
        } else {
            details.put(AuditDetail.REASON, String.valueOf(result.detail()));
            details.put(AuditDetail.PERMANENT, "true");
            details.put(AuditDetail.OUTCOME, result.outcome().code());
            audit.record(event(id, AuditEventType.NOTIFICATION_FAILED, details));
        }
        metrics.notified(result.outcome());
    }

    private Outcome outcome(VerificationRecord record, Contact contact, int position, NotificationOutcome notification) {
        return new Outcome(Optional.of(contact), Optional.of(notification), position,
                record.verification().callList().remainingAfter(position));
    }

    private static Map<String, String> who(Contact contact, int position) {
        Map<String, String> details = new HashMap<>();
        details.put(AuditDetail.CONTACT_ID, String.valueOf(contact.contactId()));
        details.put(AuditDetail.POSITION, String.valueOf(position));
        return details;
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
