package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationResult;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.port.out.NotificationLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reaches a contact on the enabled channels in the configured order (fallback): the first channel that
 * delivers ends it, with the contact's personal response link; every attempt is kept as evidence.
 *
 * <p>How it ends: delivered; unreachable when no channel has an address for the contact or every one
 * refused it; channel down when no channel delivered and one refused us (credentials, configuration) or
 * kept failing for {@code maxAttempts} attempts. Retrying is the engine's job (one retry layer): while a
 * channel's failure may pass and the contact has attempts left on it, this throws so the job runs again. A channel that
 * took the request and never answered may have sent the message: then nothing is thrown and the delivery is
 * unconfirmed, since a retry would send the contact a second message with a second link.
 */
final class ChannelContactNotifier implements ContactNotifier {

    static final String NO_CHANNEL = "none";

    private static final Logger LOG = LoggerFactory.getLogger(ChannelContactNotifier.class);

    private final List<NotificationChannel> channels;
    private final NotificationLog notificationLog;
    private final URI publicBaseUrl;
    private final int maxAttempts;
    private final Clock clock;
    private final List<SentLinks> sentLinks;

    ChannelContactNotifier(List<NotificationChannel> channels, NotificationLog notificationLog, URI publicBaseUrl,
                           int maxAttempts, Clock clock) {
        this(channels, notificationLog, publicBaseUrl, maxAttempts, clock, List.of());
    }

    ChannelContactNotifier(List<NotificationChannel> channels, NotificationLog notificationLog, URI publicBaseUrl,
                           int maxAttempts, Clock clock, List<SentLinks> sentLinks) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("at least one channel is needed");
        }
        this.channels = List.copyOf(channels);
        this.notificationLog = notificationLog;
        this.publicBaseUrl = publicBaseUrl;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.sentLinks = List.copyOf(sentLinks);
    }

    @Override
    public NotificationResult notify(ContactNotification notification) {
        UUID verificationId = notification.verification().id();
        Contact contact = notification.contact();
        List<NotificationChannel> reaching = channels.stream().filter(c -> c.addressOf(contact).isPresent()).toList();
        if (reaching.isEmpty()) {
            String reason = "no enabled channel (" + channels.stream().map(NotificationChannel::name)
                    .collect(Collectors.joining(", ")) + ") has an address for this contact";
            notificationLog.record(new NotificationAttempt(verificationId, contact.contactId(), NO_CHANNEL, null,
                    clock.instant(), false, reason));
            LOG.warn("Contact {} of verification {} is unreachable: {}", contact.contactId(), verificationId, reason);
            return NotificationResult.unreachable(reason);
        }
        ContactMessage message = ContactMessage.of(notification, link(notification.responseToken()));
        List<String> down = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        DeliveryFailedException mayPass = null;
        String mayHaveLeftOn = null;
        String mayHaveLeftBecause = null;
        for (NotificationChannel channel : reaching) {
            String address = channel.addressOf(contact).orElseThrow();
            Instant attemptedAt = clock.instant();
            String reference;
            try {
                reference = channel.send(address, message);
            } catch (RuntimeException e) {
                DeliveryFailedException failure = e instanceof DeliveryFailedException known ? known
                        // a channel's own bug must not stop the ladder: it counts as a failure that may pass
                        : DeliveryFailedException.transientFailure(channel.name() + " failed: " + e, e);
                notificationLog.record(new NotificationAttempt(verificationId, contact.contactId(), channel.name(),
                        address, attemptedAt, false, failure.getMessage(), failure.mayHaveLeft()));
                if (failure.mayHaveLeft()) {
                    // Never sent again: the next channel may still confirm a delivery, with the same link.
                    LOG.warn("Notifying contact {} of verification {} by {}: no answer, the message may have left: {}",
                            contact.contactId(), verificationId, channel.name(), failure.getMessage());
                    if (mayHaveLeftOn == null) {
                        tell(message, channel, attemptedAt);
                        mayHaveLeftOn = channel.name();
                        mayHaveLeftBecause = failure.getMessage();
                    }
                    continue;
                }
                long failed = failedAttempts(verificationId, contact, channel);
                DeliveryFailedException.Kind kind = failure.kind();
                if (kind == DeliveryFailedException.Kind.MAY_PASS && failed >= maxAttempts) {
                    kind = DeliveryFailedException.Kind.CHANNEL_DOWN;
                    reasons.add(channel.name() + ": " + failure.getMessage() + " (" + failed
                            + " failed attempts, giving up)");
                } else {
                    reasons.add(channel.name() + ": " + failure.getMessage());
                }
                LOG.warn("Notifying contact {} of verification {} by {} failed ({}, attempt {} of {}): {}",
                        contact.contactId(), verificationId, channel.name(), kind, failed, maxAttempts,
                        failure.getMessage());
                switch (kind) {
                    case CHANNEL_DOWN -> down.add(channel.name());
                    case MAY_PASS -> mayPass = mayPass == null ? failure : mayPass;
                    case REFUSED -> {
                        // the next channel may still reach the contact
                    }
                }
                continue;
            }
            notificationLog.record(new NotificationAttempt(verificationId, contact.contactId(), channel.name(),
                    address, attemptedAt, true, reference));
            LOG.info("Notified contact {} (position {}) of verification {} by {}", contact.contactId(),
                    notification.position(), verificationId, channel.name());
            tell(message, channel, attemptedAt);
            return NotificationResult.delivered(channel.name(), down);
        }
        String reason = String.join("; ", reasons);
        if (mayHaveLeftOn != null) {
            return NotificationResult.unconfirmed(mayHaveLeftOn, mayHaveLeftBecause, down);
        }
        if (mayPass != null) {
            throw new NotificationFailedException(reason, mayPass);
        }
        return down.isEmpty() ? NotificationResult.unreachable(reason) : NotificationResult.channelDown(reason, down);
    }

    private void tell(ContactMessage message, NotificationChannel channel, Instant sentAt) {
        for (SentLinks listener : sentLinks) {
            listener.sent(new SentLinks.SentLink(message.verificationId(), message.alarm().trigger(),
                    message.contact().contactId(), message.contact().displayName(), message.position(), channel.name(),
                    message.responseLink(), sentAt));
        }
    }

    private long failedAttempts(UUID verificationId, Contact contact, NotificationChannel channel) {
        return notificationLog.attempts(verificationId).stream()
                .filter(a -> a.contactId() == contact.contactId() && a.channel().equals(channel.name()) && a.failed())
                .count();
    }

    private URI link(String rawToken) {
        return UriComponentsBuilder.fromUri(publicBaseUrl).pathSegment("respond", rawToken).build(true).toUri();
    }
}
