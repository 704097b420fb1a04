package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.SiteRef;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * What one contact is told about one alarm: the alarm, the contact themself and their personal link.
 * It deliberately holds no other contact of the call list, so no channel can leak one.
 */
record ContactMessage(UUID verificationId, SiteRef site, Alarm alarm, Instant alarmTime, Contact contact,
                      int position, URI responseLink) {

    static ContactMessage of(ContactNotification notification, URI responseLink) {
        Alarm alarm = notification.verification().alarm();
        Instant time = alarm.occurredAt() != null ? alarm.occurredAt() : notification.verification().receivedAt();
        return new ContactMessage(notification.verification().id(), notification.verification().site(), alarm, time,
                notification.contact(), notification.position(), responseLink);
    }
}
