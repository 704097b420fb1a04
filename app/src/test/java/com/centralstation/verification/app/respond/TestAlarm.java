package com.centralstation.verification.app.respond;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code verification.requested} delivery on the contract's site, with its own three contacts: their ids and
 * phone numbers are new for every alarm, so an SMS, a PATCH or a page can be told apart from those of other
 * alarms that tests before this one left running in the shared context.
 */
public record TestAlarm(UUID verificationId, long alarmVerificationId, String eventId, String trigger, String location,
                        String snapshotUrl, Instant occurredAt, List<TestContact> contacts) {

    private static final AtomicLong NEXT = new AtomicLong(1);

    public static TestAlarm fresh(Instant occurredAt) {
        long n = NEXT.getAndIncrement();
        long contactBase = 730_000 + n * 10;
        return new TestAlarm(UUID.randomUUID(), 880_000 + n, "evt_" + UUID.randomUUID(), "motion", "Loading Bay " + n,
                "https://media.example/snap/snap_" + n + ".jpg", occurredAt.truncatedTo(ChronoUnit.SECONDS), List.of(
                new TestContact(contactBase + 1, "Ann", "Lee", phone(n, 1), "ann." + n + "@example.com"),
                new TestContact(contactBase + 2, "Ben", "Ortiz", phone(n, 2), "ben." + n + "@example.com"),
                new TestContact(contactBase + 3, "Cho", "Park", phone(n, 3), "cho." + n + "@example.com")));
    }

    private static String phone(long n, int position) {
        return "+1555" + String.format("%06d", n) + position;
    }

    public TestAlarm withTrigger(String newTrigger) {
        return new TestAlarm(verificationId, alarmVerificationId, eventId, newTrigger, location, snapshotUrl, occurredAt, contacts);
    }

    public TestAlarm withLocation(String newLocation) {
        return new TestAlarm(verificationId, alarmVerificationId, eventId, trigger, newLocation, snapshotUrl, occurredAt, contacts);
    }

    /** {@code null} leaves {@code snapshot_url} out of the delivery. */
    public TestAlarm withSnapshot(String newSnapshotUrl) {
        return new TestAlarm(verificationId, alarmVerificationId, eventId, trigger, location, newSnapshotUrl, occurredAt, contacts);
    }

    /** The same alarm with one contact replaced (counting from 0), e.g. by one without an address. */
    public TestAlarm withContact(int index, TestContact contact) {
        List<TestContact> changed = new java.util.ArrayList<>(contacts);
        changed.set(index, contact);
        return new TestAlarm(verificationId, alarmVerificationId, eventId, trigger, location, snapshotUrl, occurredAt,
                List.copyOf(changed));
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

    public String patchPath() {
        return "/partner/v1/dealers/12345/sites/1/alarm-verifications/" + alarmVerificationId;
    }

    public String body(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("id", eventId);
        root.put("type", "verification.requested");
        root.put("created_at", occurredAt.toString());
        ObjectNode data = root.putObject("data");
        data.put("dealer_id", "12345");
        data.put("site_id", "1");
        data.put("alarm_verification_id", alarmVerificationId);
        data.put("verification_id", verificationId.toString());
        ObjectNode alarm = data.putObject("alarm");
        alarm.put("alarm_id", "A-" + alarmVerificationId);
        alarm.put("trigger", trigger);
        alarm.put("priority", "HIGH");
        if (location != null) {
            alarm.put("location", location);
        }
        if (snapshotUrl != null) {
            alarm.put("snapshot_url", snapshotUrl);
        }
        alarm.put("occurred_at", occurredAt.toString());
        ArrayNode list = data.putArray("contacts");
        for (TestContact contact : contacts) {
            ObjectNode entry = list.addObject()
                    .put("contact_id", contact.contactId())
                    .put("first_name", contact.firstName())
                    .put("last_name", contact.lastName());
            if (contact.phone() != null) {
                entry.put("phone_number", contact.phone());
            }
            if (contact.email() != null) {
                entry.put("email", contact.email());
            }
        }
        return root.toString();
    }

    public String cancellation() {
        return "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"verification.cancelled\",\"created_at\":\""
                + occurredAt + "\",\"data\":{\"dealer_id\":\"12345\",\"site_id\":\"1\",\"verification_id\":\""
                + verificationId + "\"}}";
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
            List<String> data = new java.util.ArrayList<>(List.of(firstName, lastName, String.valueOf(contactId)));
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
