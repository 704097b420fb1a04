package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.NotificationResult;

/** Tells a contact about an alarm and gives them their personal response link. */
public interface ContactNotifier {

    /**
     * Tries the contact's channels in the configured order until one delivers.
     *
     * @return delivered, unreachable, or channel down (with the channels that were down on the way)
     * @throws NotificationFailedException when a channel failed in a way that may pass and the contact
     *         has attempts left: the job is retried
     */
    NotificationResult notify(ContactNotification notification);
}
