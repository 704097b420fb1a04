package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationFailedException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records notifications for tests; can be told that a contact's channel fails. */
public final class RecordingContactNotifier implements ContactNotifier {

    private final List<ContactNotification> sent = new CopyOnWriteArrayList<>();
    private final Set<Long> failingPermanently = ConcurrentHashMap.newKeySet();
    private final Set<Long> failingTransiently = ConcurrentHashMap.newKeySet();

    @Override
    public void notify(ContactNotification notification) {
        long id = notification.contact().contactId();
        if (failingPermanently.contains(id)) {
            throw new NotificationFailedException("no channel reaches contact " + id, true, null);
        }
        if (failingTransiently.contains(id)) {
            throw new NotificationFailedException("gateway unavailable for contact " + id, false, null);
        }
        sent.add(notification);
    }

    public void failPermanentlyFor(long contactId) {
        failingPermanently.add(contactId);
    }

    public void failTransientlyFor(long contactId) {
        failingTransiently.add(contactId);
    }

    public List<Long> contactIdsNotified() {
        return sent.stream().map(n -> n.contact().contactId()).toList();
    }

    public List<ContactNotification> sent() {
        return List.copyOf(sent);
    }

    public void clear() {
        sent.clear();
        failingPermanently.clear();
        failingTransiently.clear();
    }
}
