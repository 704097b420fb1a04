package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.ContactNotification;

/** Tells a contact about an alarm and gives them their personal response link. */
public interface ContactNotifier {

    /**
     * @throws NotificationFailedException when the message could not be sent; {@code permanent}
     *         failures are not retried (the escalation moves on), the others are
     */
    void notify(ContactNotification notification);
}
