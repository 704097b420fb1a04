package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationState;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-world shapes of {@code verification.requested} (and a few cancellations), each with the outcome it must
 * have: taken (with the repairs it needs) or refused naming the field and kept in the quarantine.
 */
class WebhookCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

    /** One named delivery and what must become of it. */
    record Variant(String name, String body, int status, String refusedField, Consumer<Taken> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a taken delivery left behind. */
    record Taken(Verification verification, VerificationState state, Map<String, String> repairs) {
    }

    static Stream<Variant> corpus() {
        return Stream.of(
                taken("the contract's own example", b -> { }, t -> {
                    assertThat(t.repairs()).isEmpty();
                    assertThat(t.verification().callList().size()).isEqualTo(3);
                }),
                taken("a blank e-mail and a blank last name", b -> {
                    contact(b, 0).put("email", "");
                    contact(b, 0).put("last_name", "  ");
                }, t -> {
                    assertThat(t.verification().callList().contacts().get(0).email()).isNull();
                    assertThat(t.verification().callList().contacts().get(0).lastName()).isNull();
                }),
                taken("a 6,000-character location", b -> alarm(b).put("location", "L".repeat(6000)), t -> {
                    assertThat(t.verification().alarm().location()).hasSize(1000);
                    assertThat(t.repairs()).containsKey("data.alarm.location");
                }),
                taken("a contact listed twice", b -> contacts(b).add(contact(b, 0).deepCopy().put("first_name", "Again")), t -> {
                    assertThat(t.verification().callList().size()).isEqualTo(3);
                    assertThat(t.verification().callList().contacts().get(0).firstName()).isEqualTo("Ann");
                    assertThat(t.repairs()).containsKey("data.contacts[3]");
                }),
                taken("a contact without contact_id", b -> contact(b, 1).remove("contact_id"), t -> {
                    assertThat(t.verification().callList().contacts()).extracting(c -> c.contactId()).containsExactly(67890L, 67892L);
                    assertThat(t.repairs()).containsKey("data.contacts[1]");
                }),
                taken("a contact_id as a string of digits", b -> contact(b, 0).put("contact_id", "67890"),
                        t -> assertThat(t.verification().callList().contacts().get(0).contactId()).isEqualTo(67890L)),
                taken("a contact_id that is not a number", b -> contact(b, 0).put("contact_id", "ann"),
                        t -> assertThat(t.verification().callList().size()).isEqualTo(2)),
                taken("a negative contact_id", b -> contact(b, 2).put("contact_id", -5),
                        t -> assertThat(t.verification().callList().size()).isEqualTo(2)),
                taken("a contact entry that is not an object", b -> contacts(b).add("67893"),
                        t -> assertThat(t.repairs()).containsKey("data.contacts[3]")),
                taken("contacts that are not an array", b -> b.with("data").put("contacts", "67890"), t -> {
                    assertThat(t.verification().callList().size()).isZero();
                    assertThat(t.repairs()).containsKey("data.contacts");
                }),
                taken("no contacts at all", b -> b.with("data").remove("contacts"),
                        t -> assertThat(t.verification().callList().size()).isZero()),
                taken("alarm_verification_id as a string of digits", b -> b.with("data").put("alarm_verification_id", " 1 "),
                        t -> assertThat(t.verification().chekt().alarmVerificationId()).isEqualTo(1L)),
                taken("alarm_verification_id as 1.0", b -> b.with("data").put("alarm_verification_id", 1.0),
                        t -> assertThat(t.verification().chekt().alarmVerificationId()).isEqualTo(1L)),
                taken("dealer and site ids as numbers", b -> b.with("data").put("dealer_id", 12345).put("site_id", 1), t -> {
                    assertThat(t.verification().site().dealerId()).isEqualTo("12345");
                    assertThat(t.verification().site().siteId()).isEqualTo("1");
                }),
                taken("an upper-case verification UUID", b -> b.with("data").put("verification_id", ID.toString().toUpperCase()),
                        t -> assertThat(t.verification().id()).isEqualTo(ID)),
                taken("an unknown trigger", b -> alarm(b).put("trigger", "Tamper-Sensor-7"),
                        t -> assertThat(t.verification().alarm().trigger()).isEqualTo("tamper-sensor-7")),
                taken("an unknown priority", b -> alarm(b).put("priority", "P1-urgent"),
                        t -> assertThat(t.verification().alarm().priority()).isEqualTo("P1-URGENT")),
                taken("a numeric priority", b -> alarm(b).put("priority", 1),
                        t -> assertThat(t.verification().alarm().priority()).isEqualTo("1")),
                taken("no trigger", b -> alarm(b).remove("trigger"),
                        t -> assertThat(t.verification().alarm().trigger()).isEqualTo(ChektWebhookMapper.UNKNOWN_TRIGGER)),
                taken("no alarm object", b -> b.with("data").remove("alarm"),
                        t -> assertThat(t.verification().alarm().trigger()).isEqualTo(ChektWebhookMapper.UNKNOWN_TRIGGER)),
                taken("an alarm that is a string", b -> b.with("data").put("alarm", "motion at the door"),
                        t -> assertThat(t.repairs()).containsKey("data.alarm")),
                taken("an occurred_at that is not an instant", b -> alarm(b).put("occurred_at", "yesterday"), t -> {
                    assertThat(t.verification().alarm().occurredAt()).isNull();
                    assertThat(t.repairs()).containsKey("data.alarm.occurred_at");
                }),
                taken("an occurred_at with an offset", b -> alarm(b).put("occurred_at", "2026-05-26T12:21:30+02:00"),
                        t -> assertThat(t.verification().alarm().occurredAt()).hasToString("2026-05-26T10:21:30Z")),
                taken("an occurred_at in epoch seconds", b -> alarm(b).put("occurred_at", 1779790890L),
                        t -> assertThat(t.verification().alarm().occurredAt()).hasToString("2026-05-26T10:21:30Z")),
                taken("a snapshot URL longer than a URL column", b -> alarm(b).put("snapshot_url", "https://x/" + "a".repeat(3000)), t -> {
                    assertThat(t.verification().alarm().snapshotUrl()).isNull();
                    assertThat(t.repairs()).containsKey("data.alarm.snapshot_url");
                }),
                taken("a 300-character first name", b -> contact(b, 0).put("first_name", "N".repeat(300)),
                        t -> assertThat(t.verification().callList().contacts().get(0).firstName()).hasSize(255)),
                taken("a location of emoji cut between surrogates", b -> alarm(b).put("location", "\uD83D\uDEA8".repeat(700)),
                        t -> assertThat(t.verification().alarm().location()).hasSize(1000).doesNotEndWith("\uD83D")),
                taken("unknown fields everywhere", b -> {
                    b.put("api_version", "2026-05-01");
                    b.with("data").put("zone", 4);
                    alarm(b).putObject("camera").put("id", 9);
                    contact(b, 0).put("role", "owner");
                }, t -> assertThat(t.repairs()).isEmpty()),
                taken("nulls for every optional field", b -> {
                    alarm(b).putNull("alarm_id").putNull("priority").putNull("location").putNull("snapshot_url").putNull("occurred_at");
                    contact(b, 0).putNull("first_name").putNull("phone_number");
                }, t -> assertThat(t.verification().alarm().priority()).isEqualTo("MEDIUM")),
                taken("no event id", b -> b.remove("id"), t -> { }),
                refused("no verification_id", b -> b.with("data").remove("verification_id"), "data.verification_id"),
                refused("a verification_id that is not a UUID", b -> b.with("data").put("verification_id", "not-a-uuid"),
                        "data.verification_id"),
                refused("a blank dealer_id", b -> b.with("data").put("dealer_id", " "), "data.dealer_id"),
                refused("no site_id", b -> b.with("data").remove("site_id"), "data.site_id"),
                refused("a 300-character dealer_id", b -> b.with("data").put("dealer_id", "9".repeat(300)), "data.dealer_id"),
                refused("alarm_verification_id as a word", b -> b.with("data").put("alarm_verification_id", "one"),
                        "data.alarm_verification_id"),
                refused("alarm_verification_id zero", b -> b.with("data").put("alarm_verification_id", 0), "data.alarm_verification_id"),
                refused("alarm_verification_id with a fraction", b -> b.with("data").put("alarm_verification_id", 1.5),
                        "data.alarm_verification_id"),
                refused("no data", b -> b.remove("data"), "data"),
                refused("no event type", b -> b.remove("type"), "type"),
                new Variant("a body cut off in transit", TestAlarm.contractBody().substring(0, 120), 400, "body", null),
                new Variant("a JSON array", "[1,2,3]", 400, "body", null),
                new Variant("an empty body", "", 400, "body", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachVariantHasItsOutcome(Variant variant) {
        ReceptionFixture f = new ReceptionFixture();

        WebhookReception.Answer answer = f.deliver(variant.body());

        assertThat(answer.status()).as(String.valueOf(answer.detail())).isEqualTo(variant.status());
        if (variant.refusedField() != null) {
            assertThat(answer.field()).isEqualTo(variant.refusedField());
            assertThat(f.quarantine.kept).singleElement().satisfies(kept -> {
                assertThat(kept.delivery().field()).isEqualTo(variant.refusedField());
                assertThat(kept.delivery().body()).isEqualTo(variant.body().getBytes(StandardCharsets.UTF_8));
                assertThat(kept.delivery().headers()).containsKeys("X-CHeKT-Timestamp", "X-CHeKT-Signature");
            });
            assertThat(f.started).isEmpty();
            return;
        }
        assertThat(f.quarantine.kept).isEmpty();
        assertThat(f.started).containsExactly(ID);
        Map<String, String> repairs = f.audit.timeline(ID).stream().filter(e -> e.type() == AuditEventType.REQUEST_REPAIRED)
                .map(AuditEvent::details).findFirst().orElse(Map.of());
        var record = f.verifications.find(ID).orElseThrow();
        variant.check().accept(new Taken(record.verification(), record.state(), repairs));
    }

    private static Variant taken(String name, Consumer<ObjectNode> change, Consumer<Taken> check) {
        return new Variant(name, body(change), 202, null, check);
    }

    private static Variant refused(String name, Consumer<ObjectNode> change, String field) {
        return new Variant(name, body(change), 400, field, null);
    }

    private static String body(Consumer<ObjectNode> change) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(TestAlarm.contractBody());
            change.accept(body);
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode alarm(ObjectNode body) {
        return body.with("data").with("alarm");
    }

    private static ArrayNode contacts(ObjectNode body) {
        return body.with("data").withArray("contacts");
    }

    private static ObjectNode contact(ObjectNode body, int index) {
        return (ObjectNode) contacts(body).get(index);
    }
}
