package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactNotification;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryDeliveryInbox;
import com.centralstation.verification.core.testing.InMemoryResponseTokenStore;
import com.centralstation.verification.core.testing.InMemoryVerificationRepository;
import com.centralstation.verification.core.testing.MutableClock;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.RecordDecision;
import com.centralstation.verification.core.usecase.ResponseLinks;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links issued as the core issues them, read back through the real core {@link ResponseLinks}, over in-memory stores, with the contract's example verification
 * (call list Ann, Ben, Cho) already received.
 */
final class NotificationFixture {

    static final URI PUBLIC_BASE_URL = URI.create("https://verify.station.example");
    static final Instant NOW = Instant.parse("2026-05-26T10:21:40Z");
    private static final Pattern LINK = Pattern.compile("https://verify\\.station\\.example/respond/([A-Za-z0-9_-]+)");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryVerificationRepository verifications = new InMemoryVerificationRepository();
    final InMemoryResponseTokenStore tokens = new InMemoryResponseTokenStore();
    final ListNotificationLog log = new ListNotificationLog();
    final ResponseLinks responseLinks = new ResponseLinks(tokens, verifications,
            new RecordDecision(verifications, new InMemoryDeliveryInbox(), new NoProcess(), new InMemoryAuditTrail(), clock,
                    Duration.ofMinutes(1)),
            clock);
    final Verification verification;

    NotificationFixture(Contact... extraContacts) {
        List<Contact> contacts = new java.util.ArrayList<>(TestVerifications.CONTACTS);
        contacts.addAll(List.of(extraContacts));
        verification = new Verification(new ChektReference(TestVerifications.SITE, 1, TestVerifications.CONTRACT_VERIFICATION_ID),
                TestVerifications.alarm("motion"), new CallList(contacts), NOW, AlarmClass.NORMAL);
        verifications.add(verification);
    }

    UUID verificationId() {
        return verification.id();
    }

    ContactNotification notificationFor(Contact contact) {
        int position = verification.callList().contacts().indexOf(contact) + 1;
        // As NotifyNextContact does: a fresh link per notification, only its hash stored.
        ResponseToken.Issued link = ResponseToken.issue(verification.id(), contact.contactId(), NOW.plus(Duration.ofHours(24)));
        tokens.save(link.token());
        return new ContactNotification(verification, contact, position, link.rawToken());
    }

    ChannelContactNotifier notifier(int maxAttempts, NotificationChannel... channels) {
        return new ChannelContactNotifier(List.of(channels), log, PUBLIC_BASE_URL, maxAttempts, clock);
    }

    /** The raw token of the first response link in a text. */
    static String tokenIn(String text) {
        Matcher matcher = LINK.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no response link in: " + text);
        }
        return matcher.group(1);
    }

    /** The text with its links blanked, so a random token cannot pass for someone's name. */
    static String withoutLinks(String text) {
        return LINK.matcher(text).replaceAll("<link>");
    }

    /** Who a link in a text was issued to, as the response page would see it. */
    Optional<Long> contactOfLinkIn(String text) {
        ResponseLinks.Link link = responseLinks.open(tokenIn(text));
        return link.state() == ResponseLinks.LinkState.OPEN ? link.contactId() : Optional.empty();
    }

    /** Issuing links never reaches the process; deciding is not under test here. */
    private static final class NoProcess implements VerificationProcess {

        @Override
        public void start(Verification verification) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Correlation decide(UUID verificationId, ContactDecision decision) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean contactUnreachable(UUID verificationId, long contactId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean cancel(UUID verificationId, String reason) {
            throw new UnsupportedOperationException();
        }
    }
}
