package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;

import java.util.Optional;

/** One way of reaching a contact. */
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
}
