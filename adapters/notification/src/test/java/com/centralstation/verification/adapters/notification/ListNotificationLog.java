package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.port.out.NotificationLog;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** The notification log as a list (the JDBC one lives in the persistence adapter). */
final class ListNotificationLog implements NotificationLog {

    private final List<NotificationAttempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void record(NotificationAttempt attempt) {
        attempts.add(attempt);
    }

    @Override
    public List<NotificationAttempt> attempts(UUID verificationId) {
        return attempts.stream().filter(a -> a.verificationId().equals(verificationId)).toList();
    }

    List<NotificationAttempt> all() {
        return List.copyOf(attempts);
    }
}
