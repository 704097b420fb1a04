package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;

import java.time.Duration;
import java.util.Optional;

/**
 * One way of reaching a contact. A channel comes with its settings record and a configuration that makes it, imported
 * when {@code verification.notification.channels} names it ({@link ChannelCatalog}).
 */
interface NotificationChannel {

    /** The name attempts are recorded under: sms, email, webhook, log. */
    String name();

    /** Where this channel would reach the contact; empty when the contact has no address for it. */
    Optional<String> addressOf(Contact contact);

    /**
     * Sends the message and returns the receiving system's reference for it (may be null).
     *
     * @throws DeliveryFailedException when the message was not accepted
     */
    String send(String address, ContactMessage message);

    /**
     * The longest one {@link #send} can take at worst, from the timeouts it runs under: a notification job tries
     * every enabled channel in turn, and the job lock time must lie above them all. Empty when some wait has no end.
     */
    Optional<Duration> longestSend();
}
