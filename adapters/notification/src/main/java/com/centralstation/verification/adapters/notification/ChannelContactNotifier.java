package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.port.out.NotificationLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reaches a contact on the first enabled channel they have an address for, with a fresh personal
 * response link, and keeps every attempt as evidence.
 *
 * <p>Retrying is the engine's job (one retry layer): a failure that may pass is reported as
 * transient so the job runs again, until the contact has failed {@code maxAttempts} times; then it is
 * reported permanent, so the escalation treats the contact as unreachable and moves on instead of
 * stopping in an incident.
 */
final class ChannelContactNotifier implements ContactNotifier {

    static final String NO_CHANNEL = "none";

    private static final Logger LOG = LoggerFactory.getLogger(ChannelContactNotifier.class);

    private final List<NotificationChannel> channels;
    private final NotificationLog notificationLog;
    private final URI publicBaseUrl;
    private final int maxAttempts;
    private final Clock clock;

    ChannelContactNotifier(List<NotificationChannel> channels, NotificationLog notificationLog, URI publicBaseUrl,
                           int maxAttempts, Clock clock) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("at least one channel is needed");
        }
        this.channels = List.copyOf(channels);
        this.notificationLog = notificationLog;
        this.publicBaseUrl = publicBaseUrl;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    @Override
    public void notify(ContactNotification notification) {
        UUID verificationId = notification.verification().id();
        Contact contact = notification.contact();
        Optional<NotificationChannel> chosen = channels.stream().filter(c -> c.addressOf(contact).isPresent()).findFirst();
        if (chosen.isEmpty()) {
            String reason = "no enabled channel (" + channels.stream().map(NotificationChannel::name)
                    .collect(Collectors.joining(", ")) + ") has an address for this contact";
            notificationLog.record(new NotificationAttempt(verificationId, contact.contactId(), NO_CHANNEL, null,
                    clock.instant(), false, reason));
            LOG.warn("Contact {} of verification {} is unreachable: {}", contact.contactId(), verificationId, reason);
            throw new NotificationFailedException(reason, true, null);
        }
        NotificationChannel channel = chosen.get();
        String address = channel.addressOf(contact).orElseThrow();
        ContactMessage message = ContactMessage.of(notification, link(notification.responseToken()));
        Instant attemptedAt = clock.instant();
        try {
            String reference = channel.send(address, message);
            notificationLog.record(new NotificationAttempt(verificationId, contact.contactId(), channel.name(), address,
                    attemptedAt, true, reference));
            LOG.info("Notified contact {} (position {}) of verification {} by {}", contact.contactId(),
                    notification.position(), verificationId, channel.name());
        } catch (DeliveryFailedException failure) {
            notificationLog.record(new NotificationAttempt(verificationId, contact.contactId(), channel.name(), address,
                    attemptedAt, false, failure.getMessage()));
            throw reported(verificationId, contact, channel, failure);
        }
    }

    private NotificationFailedException reported(UUID verificationId, Contact contact, NotificationChannel channel,
                                                 DeliveryFailedException failure) {
        long failed = notificationLog.attempts(verificationId).stream()
                .filter(a -> a.contactId() == contact.contactId() && !a.delivered())
                .count();
        boolean givingUp = !failure.isPermanent() && failed >= maxAttempts;
        String reason = givingUp
                ? failure.getMessage() + " (" + failed + " failed attempts, giving up on this contact)"
                : failure.getMessage();
        boolean permanent = failure.isPermanent() || givingUp;
        LOG.warn("Notifying contact {} of verification {} by {} failed ({}, attempt {} of {}): {}",
                contact.contactId(), verificationId, channel.name(), permanent ? "permanent" : "will retry",
                failed, maxAttempts, failure.getMessage());
        return new NotificationFailedException(reason, permanent, failure);
    }

    private URI link(String rawToken) {
        return UriComponentsBuilder.fromUri(publicBaseUrl).pathSegment("respond", rawToken).build(true).toUri();
    }
}
