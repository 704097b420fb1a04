package com.centralstation.verification.app.testing;

import com.centralstation.verification.core.testing.TestVerifications;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one builder of CHeKT's webhook bodies in the app's tests: a {@code verification.requested} delivery written over
 * the contract's example (its fields in its order), with identifiers new for every alarm, and the alarm's cancellation.
 * {@link #onContractSite} keeps the contract's alarm and contacts (Ann, Ben, Cho, whose ids the station's API is asked
 * about); {@link #fresh} gives the alarm three contacts of its own, so that an SMS, a PATCH or a page can be told apart
 * from those of alarms other tests left running in a shared context.
 */
public record TestAlarm(UUID verificationId, long alarmVerificationId, String eventId, String dealerId, String siteId,
                        String alarmId, String trigger, String priority, String location, String snapshotUrl,
                        Instant createdAt, Instant occurredAt, List<TestContact> contacts) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT_BODY = readContractBody();
    private static final AtomicLong NEXT = new AtomicLong(1);

    /** The contract's three contacts as its example lists them (core's fixture holds them as domain contacts). */
    public static final List<TestContact> CONTRACT_CONTACTS = TestVerifications.CONTACTS.stream()
            .map(c -> new TestContact(c.contactId(), c.firstName(), c.lastName(), c.phoneNumber(), c.email())).toList();

    /** The contract vector's raw body, byte for byte (its signature is part of the contract). */
    public static String contractBody() {
        return CONTRACT_BODY;
    }

    /** A fresh verification on the contract's site with the contract's alarm and three contacts: only the ids are new. */
    public static TestAlarm onContractSite(String trigger) {
        long n = NEXT.getAndIncrement();
        return new TestAlarm(UUID.randomUUID(), 1_000 + n, "evt_" + UUID.randomUUID(), "12345", "1", "A-10293", trigger,
                "HIGH", "Main Entrance", "https://media.example/snap/snap_91kxl2.jpg",
                Instant.parse("2026-05-26T10:21:34Z"), Instant.parse("2026-05-26T10:21:30Z"), CONTRACT_CONTACTS);
    }

    /** A fresh verification on the contract's site with three contacts of its own (ids and phone numbers new). */
    public static TestAlarm fresh(Instant occurredAt) {
        long n = NEXT.getAndIncrement();
        long contactBase = 730_000 + n * 10;
        Instant at = occurredAt.truncatedTo(ChronoUnit.SECONDS);
        return new TestAlarm(UUID.randomUUID(), 880_000 + n, "evt_" + UUID.randomUUID(), "12345", "1", "A-" + (880_000 + n),
                "motion", "HIGH", "Loading Bay " + n, "https://media.example/snap/snap_" + n + ".jpg", at, at, List.of(
                new TestContact(contactBase + 1, "Ann", "Lee", phone(n, 1), "ann." + n + "@example.com"),
                new TestContact(contactBase + 2, "Ben", "Ortiz", phone(n, 2), "ben." + n + "@example.com"),
                new TestContact(contactBase + 3, "Cho", "Park", phone(n, 3), "cho." + n + "@example.com")));
    }

    private static String phone(long n, int position) {
        return "+1555" + String.format("%06d", n) + position;
    }

    public TestAlarm withTrigger(String newTrigger) {
        return new TestAlarm(verificationId, alarmVerificationId, eventId, dealerId, siteId, alarmId, newTrigger, priority,
                location, snapshotUrl, createdAt, occurredAt, contacts);
    }

    /** {@code null} leaves {@code location} out of the delivery. */
    public TestAlarm withLocation(String newLocation) {
        return new TestAlarm(verificationId, alarmVerificationId, eventId, dealerId, siteId, alarmId, trigger, priority,
                newLocation, snapshotUrl, createdAt, occurredAt, contacts);
    }

    /** {@code null} leaves {@code snapshot_url} out of the delivery. */
    public TestAlarm withSnapshot(String newSnapshotUrl) {
        return new TestAlarm(verificationId, alarmVerificationId, eventId, dealerId, siteId, alarmId, trigger, priority,
                location, newSnapshotUrl, createdAt, occurredAt, contacts);
    }

    /** The same alarm at another dealer's site, with its own priority and location. */
    public TestAlarm atSite(String newDealerId, String newSiteId, String newPriority, String newLocation) {
        return new TestAlarm(verificationId, alarmVerificationId, eventId, newDealerId, newSiteId, alarmId, trigger,
                newPriority, newLocation, snapshotUrl, createdAt, occurredAt, contacts);
    }

    /** The same alarm with one contact replaced (counting from 0), e.g. by one without an address. */
    public TestAlarm withContact(int index, TestContact contact) {
        List<TestContact> changed = new ArrayList<>(contacts);
        changed.set(index, contact);
        return new TestAlarm(verificationId, alarmVerificationId, eventId, dealerId, siteId, alarmId, trigger, priority,
                location, snapshotUrl, createdAt, occurredAt, List.copyOf(changed));
    }

    public TestContact first() {
        return contacts.get(0);
    }

    public TestContact second() {
        return contacts.get(1);
    }

    public TestContact third() {
        return contacts.get(2);
    }

    /** Where the station's decision on this alarm is sent in CHeKT's Partner API. */
    public String patchPath() {
        return "/partner/v1/dealers/" + dealerId + "/sites/" + siteId + "/alarm-verifications/" + alarmVerificationId;
    }

    /** The {@code verification.requested} delivery. */
    public String body() {
        ObjectNode root = contractTree();
        root.put("id", eventId);
        root.put("created_at", createdAt.toString());
        ObjectNode data = (ObjectNode) root.get("data");
        data.put("dealer_id", dealerId);
        data.put("site_id", siteId);
        data.put("alarm_verification_id", alarmVerificationId);
        data.put("verification_id", verificationId.toString());
        ObjectNode alarm = (ObjectNode) data.get("alarm");
        alarm.put("alarm_id", alarmId);
        alarm.put("trigger", trigger);
        alarm.put("priority", priority);
        putOrRemove(alarm, "location", location);
        putOrRemove(alarm, "snapshot_url", snapshotUrl);
        alarm.put("occurred_at", occurredAt.toString());
        if (!contacts.equals(CONTRACT_CONTACTS)) {
            ArrayNode list = data.putArray("contacts");
            for (TestContact contact : contacts) {
                ObjectNode entry = list.addObject().put("contact_id", contact.contactId())
                        .put("first_name", contact.firstName()).put("last_name", contact.lastName());
                putOrRemove(entry, "phone_number", contact.phone());
                putOrRemove(entry, "email", contact.email());
            }
        }
        return root.toString();
    }

    /** The alarm's cancellation, of the given event type ({@code verification.cancelled}, {@code alarm.resolved}). */
    public String cancellation(String type) {
        ObjectNode root = JSON.createObjectNode().put("id", "evt_" + UUID.randomUUID()).put("type", type)
                .put("created_at", createdAt.toString());
        root.putObject("data").put("dealer_id", dealerId).put("site_id", siteId).put("verification_id", verificationId.toString());
        return root.toString();
    }

    public String cancellation() {
        return cancellation("verification.cancelled");
    }

    private static void putOrRemove(ObjectNode node, String field, String value) {
        if (value == null) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }

    private static ObjectNode contractTree() {
        try {
            return (ObjectNode) JSON.readTree(CONTRACT_BODY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readContractBody() {
        try (InputStream in = TestAlarm.class.getResourceAsStream("/contract/verification-requested.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A contact of the alarm; {@code phone} or {@code email} null when the contact has none. */
    public record TestContact(long contactId, String firstName, String lastName, String phone, String email) {

        public TestContact withoutPhone() {
            return new TestContact(contactId, firstName, lastName, null, email);
        }

        public TestContact withoutEmail() {
            return new TestContact(contactId, firstName, lastName, phone, null);
        }

        /** Everything about this contact that must not appear on another contact's page. */
        public List<String> personalData() {
            List<String> data = new ArrayList<>(List.of(firstName, lastName, String.valueOf(contactId)));
            if (phone != null) {
                data.add(phone);
                data.add(phone.substring(1));
            }
            if (email != null) {
                data.add(email);
            }
            return data;
        }
    }
}
