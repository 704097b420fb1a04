package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.NotificationResult;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationFailedException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records notifications for tests; can be told that a contact's channel fails. */
public final class RecordingContactNotifier implements ContactNotifier {

    private final List<ContactNotification> sent = new CopyOnWriteArrayList<>();
    private final Set<Long> failingPermanently = ConcurrentHashMap.newKeySet();
    private final Set<Long> failingTransiently = ConcurrentHashMap.newKeySet();
    private final Set<Long> channelDown = ConcurrentHashMap.newKeySet();
    private final Set<Long> unanswered = ConcurrentHashMap.newKeySet();
    private final Set<Long> lostAfterSending = ConcurrentHashMap.newKeySet();
    /** Runs as each message leaves, before the notifier returns: what a contact could do with it at once. */
    public volatile Consumer<ContactNotification> onSend = notification -> { };

    @Override
    public NotificationResult notify(ContactNotification notification) {
        long id = notification.contact().contactId();
        if (failingPermanently.contains(id)) {
            return NotificationResult.unreachable("no channel reaches contact " + id);
        }
        if (channelDown.contains(id)) {
            return NotificationResult.channelDown("gateway refuses our credentials", List.of("sms"));
        }
        if (failingTransiently.contains(id)) {
            throw new NotificationFailedException("gateway unavailable for contact " + id, null);
        }
        sent.add(notification);
        onSend.accept(notification);
        if (lostAfterSending.remove(id)) {
            throw new IllegalStateException("the service stopped after sending to contact " + id);
        }
        if (unanswered.contains(id)) {
            return NotificationResult.unconfirmed("sms", "SMS gateway did not answer in time", List.of());
        }
        return NotificationResult.delivered("sms", List.of());
    }

    /** The gateway takes the contact's messages but never answers: sent, delivery unconfirmed. */
    public void leaveUnansweredFor(long contactId) {
        unanswered.add(contactId);
    }

    /** The next message to the contact leaves, then the job is lost before it learns how the send went. */
    public void loseTheJobAfterSendingTo(long contactId) {
        lostAfterSending.add(contactId);
    }

    /** Messages go out again to a contact whose gateway failed. */
    public void recoverFor(long contactId) {
        failingTransiently.remove(contactId);
    }

    public void failPermanentlyFor(long contactId) {
        failingPermanently.add(contactId);
    }

    public void channelDownFor(long contactId) {
        channelDown.add(contactId);
    }

    public void failTransientlyFor(long contactId) {
        failingTransiently.add(contactId);
    }

    public List<Long> contactIdsNotified() {
        return sent.stream().map(n -> n.contact().contactId()).toList();
    }

    /** The raw token of the last link sent, as the contact would open it. */
    public String lastResponseToken() {
        return sent.get(sent.size() - 1).responseToken();
    }

    public List<ContactNotification> sent() {
        return List.copyOf(sent);
    }

    public void clear() {
        sent.clear();
        failingPermanently.clear();
        failingTransiently.clear();
        channelDown.clear();
        unanswered.clear();
        lostAfterSending.clear();
        onSend = notification -> { };
    }
}
