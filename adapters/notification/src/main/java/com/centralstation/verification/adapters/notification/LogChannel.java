package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * For the demo: writes the link to the log instead of sending it, so a laptop without an SMS
 * account can still click through. Only the contact's name and the link are written, no phone or
 * e-mail.
 */
final class LogChannel implements NotificationChannel {

    private static final Logger LOG = LoggerFactory.getLogger(LogChannel.class);

    @Override
    public String name() {
        return "log";
    }

    /**
     * Each contact's link is a line of its own, written under their name: as evidence of whom the station tried, the
     * log stands for one address per contact, never one address shared by everybody it printed a link for.
     */
    @Override
    public Optional<String> addressOf(Contact contact) {
        return Optional.of("log:contact-" + contact.contactId());
    }

    @Override
    public String send(String address, ContactMessage message) {
        LOG.info("Response link for {} (alarm {} at site {}): {}", message.contact().displayName(),
                message.alarm().trigger(), message.site(), message.responseLink());
        return null;
    }

    @Override
    public Optional<Duration> longestSend() {
        return Optional.of(Duration.ZERO);
    }
}
