package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.port.out.NotificationLog;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps notification attempts in memory for tests. */
public final class InMemoryNotificationLog implements NotificationLog {

    private final List<NotificationAttempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void record(NotificationAttempt attempt) {
        attempts.add(attempt);
    }

    @Override
    public List<NotificationAttempt> attempts(UUID verificationId) {
        return attempts.stream().filter(a -> a.verificationId().equals(verificationId)).toList();
    }
}
