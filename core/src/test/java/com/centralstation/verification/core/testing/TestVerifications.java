package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.usecase.VerificationRequest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The example verification of the inbound contract (shared/contract), as domain values, for tests. */
public final class TestVerifications {

    public static final SiteRef SITE = new SiteRef("12345", "1");
    public static final UUID CONTRACT_VERIFICATION_ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
    public static final Contact ANN = new Contact(67890, "Ann", "Lee", "+15550100001", "ann@example.com");
    public static final Contact BEN = new Contact(67891, "Ben", "Ortiz", "+15550100002", "ben@example.com");
    public static final Contact CHO = new Contact(67892, "Cho", "Park", "+15550100003", null);
    public static final List<Contact> CONTACTS = List.of(ANN, BEN, CHO);

    private TestVerifications() {
    }

    public static Alarm alarm(String trigger) {
        return new Alarm("A-10293", trigger, "HIGH", "Main Entrance", "https://media.example/snap/snap_91kxl2.jpg",
                Instant.parse("2026-05-26T10:21:30Z"));
    }

    public static VerificationRequest request(UUID verificationId, long alarmVerificationId, String trigger,
                                              List<Contact> contacts) {
        return new VerificationRequest(new ChektReference(SITE, alarmVerificationId, verificationId), alarm(trigger), contacts);
    }

    public static VerificationRequest contractRequest() {
        return request(CONTRACT_VERIFICATION_ID, 1, "motion", CONTACTS);
    }
}
