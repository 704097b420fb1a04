package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.RefusalReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated {@code verification.requested} deliveries (random blanks, nulls, numbers as strings, unicode, long
 * strings, extra fields, duplicated and missing contacts): the intake never answers 5xx, refuses only when a
 * field the PATCH needs is unusable, and keeps every signed refusal in the quarantine.
 */
class WebhookReceptionProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A generated value and whether the intake can use it where it is required. */
    record Field(JsonNode value, boolean usable) {
    }

    record Delivery(String body, boolean requiredUsable, UUID verificationId, Set<Long> usableContactIds) {
        @Override
        public String toString() {
            return body.length() > 600 ? body.substring(0, 600) + "… (" + body.length() + " characters)" : body;
        }
    }

    @Property(tries = 400)
    void aSignedDeliveryIsTakenUnlessARequiredFieldIsUnusableAndEveryRefusalIsKept(@ForAll("deliveries") Delivery delivery) {
        ReceptionFixture f = new ReceptionFixture();

        WebhookReception.Answer answer = f.deliver(delivery.body());

        assertThat(answer.status()).isLessThan(500);
        if (delivery.requiredUsable()) {
            assertThat(answer.status()).as(answer.detail()).isEqualTo(202);
            assertThat(f.started).containsExactly(delivery.verificationId());
            assertThat(f.quarantine.kept).isEmpty();
            var callList = f.verifications.find(delivery.verificationId()).orElseThrow().verification().callList();
            assertThat(callList.contacts()).extracting(c -> c.contactId())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(delivery.usableContactIds());
        } else {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.field()).startsWith("data.");
            assertThat(f.started).isEmpty();
            assertThat(f.quarantine.kept).singleElement().satisfies(kept ->
                    assertThat(kept.delivery().body()).isEqualTo(delivery.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(f.refusedCount(RefusalReason.REQUIRED_FIELD)).isEqualTo(1.0);
        }
    }

    @Property(tries = 200)
    void anyBytesSignedAreAnsweredWithoutA5xxAndEveryRefusalIsKept(@ForAll byte[] body) {
        ReceptionFixture f = new ReceptionFixture();

        WebhookReception.Answer answer = f.deliver(body);

        assertThat(answer.status()).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(f.quarantine.kept).singleElement().satisfies(kept -> assertThat(kept.delivery().body()).isEqualTo(body));
        }
    }

    @Property(tries = 100)
    void anUnsignedDeliveryIs401CountedAndNeverKept(@ForAll("deliveries") Delivery delivery, @ForAll("badSignatures") String bad) {
        ReceptionFixture f = new ReceptionFixture();
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);

        WebhookReception.Answer answer = f.reception.receive(new WebhookReception.Delivery(
                String.valueOf(f.clock.instant().getEpochSecond()), bad, "application/json", body));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(f.quarantine.kept).isEmpty();
        assertThat(f.started).isEmpty();
        assertThat(f.refusedCount(RefusalReason.SIGNATURE)).isEqualTo(1.0);
    }

    @Property(tries = 200)
    void everyRepairOfATakenRequestIsAudited(@ForAll("deliveries") Delivery delivery) {
        ReceptionFixture f = new ReceptionFixture();
        if (f.deliver(delivery.body()).status() != 202) {
            return;
        }
        List<Map<String, String>> repairs = f.audit.timeline(delivery.verificationId()).stream()
                .filter(e -> e.type() == AuditEventType.REQUEST_REPAIRED).map(e -> e.details()).toList();
        assertThat(repairs).hasSizeLessThanOrEqualTo(1);
        int contactEntries = contactEntries(delivery.body());
        int dropped = contactEntries - delivery.usableContactIds().size();
        long auditedDrops = repairs.stream().flatMap(r -> r.entrySet().stream())
                .filter(e -> e.getKey().startsWith("data.contacts[") && e.getValue().startsWith("dropped")).count();
        assertThat(auditedDrops).isEqualTo(dropped);
    }

    @Provide
    Arbitrary<String> badSignatures() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
                Arbitraries.strings().ofMaxLength(80));
    }

    @Provide
    Arbitrary<Delivery> deliveries() {
        Arbitrary<UUID> uuids = Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
        return Combinators.combine(verificationIds(uuids), identifiers(), identifiers(), alarmVerificationIds(), alarms(),
                        contacts(), extras())
                .as((verification, dealer, site, alarmVerification, alarm, contacts, extras) -> {
                    ObjectNode data = NODES.objectNode();
                    put(data, "verification_id", verification.getValue().value());
                    put(data, "dealer_id", dealer.value());
                    put(data, "site_id", site.value());
                    put(data, "alarm_verification_id", alarmVerification.value());
                    put(data, "alarm", alarm);
                    put(data, "contacts", contacts);
                    extras.forEach(data::put);
                    ObjectNode envelope = NODES.objectNode().put("id", "evt_" + verification.getKey())
                            .put("type", "verification.requested").put("created_at", "2026-05-26T10:21:34Z");
                    envelope.set("data", data);
                    boolean usable = verification.getValue().usable() && dealer.usable() && site.usable()
                            && alarmVerification.usable();
                    return new Delivery(envelope.toString(), usable, verification.getKey(), usableContactIds(contacts));
                });
    }

    private Arbitrary<Map.Entry<UUID, Field>> verificationIds(Arbitrary<UUID> uuids) {
        return uuids.flatMap(uuid -> Arbitraries.oneOf(
                Arbitraries.just(Map.entry(uuid, new Field(NODES.textNode(uuid.toString()), true))),
                Arbitraries.just(Map.entry(uuid, new Field(NODES.textNode(" " + uuid.toString().toUpperCase() + " "), true))),
                Arbitraries.just(Map.entry(uuid, new Field(MissingNode.getInstance(), false))),
                Arbitraries.just(Map.entry(uuid, new Field(NODES.nullNode(), false))),
                Arbitraries.just(Map.entry(uuid, new Field(NODES.textNode(""), false))),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40)
                        .map(word -> Map.entry(uuid, new Field(NODES.textNode(word), false))),
                Arbitraries.integers().map(n -> Map.entry(uuid, new Field(NODES.numberNode(n), false)))));
    }

    private Arbitrary<Field> identifiers() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank())
                        .map(s -> new Field(NODES.textNode(s), true)),
                Arbitraries.longs().map(n -> new Field(NODES.numberNode(n), true)),
                Arbitraries.strings().withChars(' ', '\t').ofMaxLength(3).map(s -> new Field(NODES.textNode(s), false)),
                Arbitraries.just(new Field(MissingNode.getInstance(), false)),
                Arbitraries.just(new Field(NODES.nullNode(), false)),
                Arbitraries.strings().alpha().ofMinLength(256).ofMaxLength(400).map(s -> new Field(NODES.textNode(s), false)),
                Arbitraries.just(new Field(NODES.objectNode().put("id", 1), false)));
    }

    private Arbitrary<Field> alarmVerificationIds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(n -> new Field(NODES.numberNode(n), true)),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(n -> new Field(NODES.textNode(String.valueOf(n)), true)),
                Arbitraries.longs().between(Long.MIN_VALUE, 0).map(n -> new Field(NODES.numberNode(n), false)),
                Arbitraries.doubles().between(0.01, 1e6).filter(d -> d % 1 != 0).map(d -> new Field(NODES.numberNode(d), false)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> new Field(NODES.textNode(s), false)),
                Arbitraries.just(new Field(MissingNode.getInstance(), false)),
                Arbitraries.just(new Field(NODES.textNode(" "), false)));
    }

    /** Anything an optional text field may bring: absent, null, blank, unicode, long, a number, a boolean, an object. */
    private Arbitrary<JsonNode> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.just(MissingNode.getInstance()),
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.strings().withChars(' ', '\t', '\n').ofMaxLength(4).map(NODES::textNode),
                Arbitraries.strings().all().ofMaxLength(30).map(NODES::textNode),
                Arbitraries.strings().ofMinLength(900).ofMaxLength(7000).map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.arrayNode().add("x")));
    }

    private Arbitrary<JsonNode> alarms() {
        Arbitrary<JsonNode> object = anyText().list().ofSize(6).map(values -> {
            ObjectNode alarm = NODES.objectNode();
            List<String> names = List.of("alarm_id", "trigger", "priority", "location", "snapshot_url", "occurred_at");
            for (int i = 0; i < names.size(); i++) {
                put(alarm, names.get(i), values.get(i));
            }
            return alarm;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, object),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(MissingNode.getInstance())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(NODES.textNode("motion"))));
    }

    private Arbitrary<JsonNode> contactIds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(67890, 67895).map(NODES::numberNode),
                Arbitraries.longs().between(67890, 67895).map(n -> NODES.textNode(String.valueOf(n))),
                Arbitraries.just(MissingNode.getInstance()),
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.just(NODES.textNode("")),
                Arbitraries.longs().between(-5, 0).map(NODES::numberNode),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(NODES::textNode));
    }

    private Arbitrary<JsonNode> contacts() {
        Arbitrary<JsonNode> entry = Combinators.combine(contactIds(), anyText(), anyText(), anyText(), anyText())
                .as((id, first, last, phone, email) -> {
                    ObjectNode contact = NODES.objectNode();
                    put(contact, "contact_id", id);
                    put(contact, "first_name", first);
                    put(contact, "last_name", last);
                    put(contact, "phone_number", phone);
                    put(contact, "email", email);
                    return contact;
                });
        Arbitrary<JsonNode> list = Arbitraries.oneOf(entry, entry, entry, Arbitraries.just(NODES.textNode("67890")))
                .list().ofMaxSize(8).map(entries -> {
                    ArrayNode array = NODES.arrayNode();
                    entries.forEach(array::add);
                    return array;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, list),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(MissingNode.getInstance())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(NODES.objectNode())));
    }

    private Arbitrary<Map<String, JsonNode>> extras() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(name -> "x_" + name),
                anyText().filter(node -> !node.isMissingNode())).ofMaxSize(3);
    }

    private static void put(ObjectNode object, String name, JsonNode value) {
        if (!value.isMissingNode()) {
            object.set(name, value);
        }
    }

    /** The contact ids the intake must keep: positive whole numbers or digit strings, each once. */
    private static Set<Long> usableContactIds(JsonNode contacts) {
        Set<Long> ids = new HashSet<>();
        if (contacts.isArray()) {
            for (JsonNode entry : contacts) {
                JsonNode id = entry.path("contact_id");
                if (id.isIntegralNumber() && id.longValue() > 0) {
                    ids.add(id.longValue());
                } else if (id.isTextual() && id.textValue().matches("[0-9]+") && Long.parseLong(id.textValue()) > 0) {
                    ids.add(Long.parseLong(id.textValue()));
                }
            }
        }
        return ids;
    }

    private static int contactEntries(String body) {
        try {
            JsonNode contacts = JSON.readTree(body).path("data").path("contacts");
            return contacts.isArray() ? contacts.size() : 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
