package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.NotificationAttempt;

import java.util.List;
import java.util.UUID;

/** Every attempt to reach a contact, kept even when the surrounding job rolls back and is retried. */
public interface NotificationLog {

    void record(NotificationAttempt attempt);

    List<NotificationAttempt> attempts(UUID verificationId);
}
