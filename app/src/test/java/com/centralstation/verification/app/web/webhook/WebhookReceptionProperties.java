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
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

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

        Statistics.label("path").collect(delivery.requiredUsable() ? "taken" : "refused");
        Statistics.label("path").coverage(coverage -> {
            coverage.check("taken").percentage(percent -> percent >= 30);
            coverage.check("refused").percentage(percent -> percent >= 30);
        });
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
    void everyRepairOfATakenRequestIsAudited(@ForAll("mostlyTakenDeliveries") Delivery delivery) {
        ReceptionFixture f = new ReceptionFixture();

        int status = f.deliver(delivery.body()).status();

        Repairs expected = Repairs.expectedFor(delivery.body());
        Statistics.label("path").collect(status == 202 ? "taken" : "refused");
        Statistics.label("dropped contact").collect(status == 202 && !expected.dropped().isEmpty());
        Statistics.label("cut text").collect(status == 202 && !expected.cut().isEmpty());
        Statistics.label("path").coverage(coverage -> coverage.check("taken").percentage(percent -> percent >= 75));
        Statistics.label("dropped contact").coverage(coverage -> coverage.check(true).percentage(percent -> percent >= 50));
        Statistics.label("cut text").coverage(coverage -> coverage.check(true).percentage(percent -> percent >= 45));
        assertThat(status).isIn(202, 400);
        if (status != 202) {
            assertThat(f.audit.timeline(delivery.verificationId())).as("nothing audited for a refusal").isEmpty();
            return;
        }
        List<Map<String, String>> repairs = f.audit.timeline(delivery.verificationId()).stream()
                .filter(e -> e.type() == AuditEventType.REQUEST_REPAIRED).map(e -> e.details()).toList();
        assertThat(repairs).hasSizeLessThanOrEqualTo(1);
        Map<String, String> audited = repairs.isEmpty() ? Map.of() : repairs.get(0);
        assertThat(pathsWhere(audited, "dropped")).isEqualTo(expected.dropped());
        assertThat(pathsWhere(audited, "cut from")).isEqualTo(expected.cut());
    }

    private static Set<String> pathsWhere(Map<String, String> repairs, String repairStartsWith) {
        Set<String> paths = new TreeSet<>();
        repairs.forEach((path, repair) -> {
            if (repair.startsWith(repairStartsWith)) {
                paths.add(path);
            }
        });
        return paths;
    }

    /**
     * The contact entries the intake must drop and the text it must cut, read from the body as the service reads
     * it (so a lone surrogate the UTF-8 encoding replaced counts as the service sees it): the test's own account of
     * the documented rules, not the mapper's code.
     */
    record Repairs(Set<String> dropped, Set<String> cut) {

        private static final Map<String, Integer> ALARM_TEXT = Map.of("alarm_id", 255, "trigger", 64, "priority", 64,
                "location", 1000);
        private static final Map<String, Integer> CONTACT_TEXT = Map.of("first_name", 255, "last_name", 255,
                "phone_number", 64, "email", 320);

        static Repairs expectedFor(String body) {
            JsonNode data;
            try {
                data = JSON.readTree(body.getBytes(StandardCharsets.UTF_8)).path("data");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Set<String> dropped = new TreeSet<>();
            Set<String> cut = new TreeSet<>();
            if (data.path("alarm").isObject()) {
                cut.addAll(tooLong("data.alarm", data.path("alarm"), ALARM_TEXT));
            }
            JsonNode contacts = data.path("contacts");
            if (contacts.isArray()) {
                Set<Long> seen = new HashSet<>();
                for (int i = 0; i < contacts.size(); i++) {
                    String path = "data.contacts[" + i + "]";
                    Long id = usableContactId(contacts.get(i).path("contact_id"));
                    if (!contacts.get(i).isObject() || id == null || !seen.add(id)) {
                        dropped.add(path);
                    } else {
                        cut.addAll(tooLong(path, contacts.get(i), CONTACT_TEXT));
                    }
                }
            }
            return new Repairs(dropped, cut);
        }

        private static Set<String> tooLong(String path, JsonNode object, Map<String, Integer> limits) {
            Set<String> paths = new TreeSet<>();
            limits.forEach((field, limit) -> {
                JsonNode value = object.path(field);
                if (value.isTextual() && !value.textValue().isBlank() && value.textValue().length() > limit) {
                    paths.add(path + "." + field);
                }
            });
            return paths;
        }
    }

    @Provide
    Arbitrary<String> badSignatures() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
                Arbitraries.strings().ofMaxLength(80));
    }

    /** Taken and refused each in about half the tries: each of the four required fields is usable five times in six. */
    @Provide
    Arbitrary<Delivery> deliveries() {
        return deliveries(5, 1, 0);
    }

    /**
     * Taken in nine tries of ten, with over-long text and call lists of two or more entries often enough that a
     * dropped contact and a cut text each come up in well over half the tries.
     */
    @Provide
    Arbitrary<Delivery> mostlyTakenDeliveries() {
        return deliveries(50, 4, 2);
    }

    /**
     * @param usableWeight   how many times more often each required field is usable than unusable
     * @param longTextWeight how many times more often an optional text is over-long than each other kind of text
     * @param minContacts    the fewest entries of a generated call list
     */
    private Arbitrary<Delivery> deliveries(int usableWeight, int longTextWeight, int minContacts) {
        Arbitrary<UUID> uuids = Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
        return Combinators.combine(verificationIds(uuids, usableWeight), identifiers(usableWeight),
                        identifiers(usableWeight), alarmVerificationIds(usableWeight), alarms(longTextWeight),
                        contacts(longTextWeight, minContacts), extras())
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

    private Arbitrary<Map.Entry<UUID, Field>> verificationIds(Arbitrary<UUID> uuids, int usableWeight) {
        Arbitrary<Function<UUID, Field>> usable = Arbitraries.of(
                uuid -> new Field(NODES.textNode(uuid.toString()), true),
                uuid -> new Field(NODES.textNode(" " + uuid.toString().toUpperCase() + " "), true));
        Arbitrary<Function<UUID, Field>> unusable = Arbitraries.oneOf(
                Arbitraries.of(
                        uuid -> new Field(MissingNode.getInstance(), false),
                        uuid -> new Field(NODES.nullNode(), false),
                        uuid -> new Field(NODES.textNode(""), false)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40)
                        .map(word -> uuid -> new Field(NODES.textNode(word), false)),
                Arbitraries.integers().map(n -> uuid -> new Field(NODES.numberNode(n), false)));
        return Combinators.combine(uuids, usableOrNot(usableWeight, usable, unusable))
                .as((uuid, field) -> Map.entry(uuid, field.apply(uuid)));
    }

    /**
     * Usable values {@code usableWeight} times as often as unusable ones. Without jqwik's edge cases here: they are
     * mixed into each generator apart from the weights and, over four required fields, refused a third of the
     * deliveries whatever the weights said.
     */
    private static <T> Arbitrary<T> usableOrNot(int usableWeight, Arbitrary<T> usable, Arbitrary<T> unusable) {
        return Arbitraries.frequencyOf(Tuple.of(usableWeight, usable), Tuple.of(1, unusable)).withoutEdgeCases();
    }

    private Arbitrary<Field> identifiers(int usableWeight) {
        return usableOrNot(usableWeight, Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank())
                        .map(s -> new Field(NODES.textNode(s), true)),
                Arbitraries.longs().map(n -> new Field(NODES.numberNode(n), true))), Arbitraries.oneOf(
                Arbitraries.strings().withChars(' ', '\t').ofMaxLength(3).map(s -> new Field(NODES.textNode(s), false)),
                Arbitraries.just(new Field(MissingNode.getInstance(), false)),
                Arbitraries.just(new Field(NODES.nullNode(), false)),
                Arbitraries.strings().alpha().ofMinLength(256).ofMaxLength(400).map(s -> new Field(NODES.textNode(s), false)),
                Arbitraries.just(new Field(NODES.objectNode().put("id", 1), false))));
    }

    private Arbitrary<Field> alarmVerificationIds(int usableWeight) {
        return usableOrNot(usableWeight, Arbitraries.oneOf(
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(n -> new Field(NODES.numberNode(n), true)),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(n -> new Field(NODES.textNode(String.valueOf(n)), true))),
                Arbitraries.oneOf(
                Arbitraries.longs().between(Long.MIN_VALUE, 0).map(n -> new Field(NODES.numberNode(n), false)),
                Arbitraries.doubles().between(0.01, 1e6).filter(d -> d % 1 != 0).map(d -> new Field(NODES.numberNode(d), false)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> new Field(NODES.textNode(s), false)),
                Arbitraries.just(new Field(MissingNode.getInstance(), false)),
                Arbitraries.just(new Field(NODES.textNode(" "), false))));
    }

    /** Anything an optional text field may bring: absent, null, blank, unicode, long, a number, a boolean, an object. */
    private Arbitrary<JsonNode> anyText(int longTextWeight) {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(MissingNode.getInstance())),
                Tuple.of(1, Arbitraries.just(NODES.nullNode())),
                Tuple.of(1, Arbitraries.strings().withChars(' ', '\t', '\n').ofMaxLength(4).map(NODES::textNode)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(30).map(NODES::textNode)),
                Tuple.of(longTextWeight, Arbitraries.strings().ofMinLength(900).ofMaxLength(7000).map(NODES::textNode)),
                Tuple.of(1, Arbitraries.integers().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
                Tuple.of(1, Arbitraries.just(NODES.arrayNode().add("x"))));
    }

    private Arbitrary<JsonNode> alarms(int longTextWeight) {
        Arbitrary<JsonNode> object = anyText(longTextWeight).list().ofSize(6).map(values -> {
            ObjectNode alarm = NODES.objectNode();
            List<String> names = List.of("alarm_id", "trigger", "priority", "location", "snapshot_url", "occurred_at");
            for (int i = 0; i < names.size(); i++) {
                put(alarm, names.get(i), values.get(i));
            }
            return alarm;
        });
        return Arbitraries.frequencyOf(
                Tuple.of(8, object),
                Tuple.of(1, Arbitraries.just(MissingNode.getInstance())),
                Tuple.of(1, Arbitraries.just(NODES.textNode("motion"))));
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

    private Arbitrary<JsonNode> contacts(int longTextWeight, int minContacts) {
        Arbitrary<JsonNode> text = anyText(longTextWeight);
        Arbitrary<JsonNode> entry = Combinators.combine(contactIds(), text, text, text, text)
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
                .list().ofMinSize(minContacts).ofMaxSize(8).map(entries -> {
                    ArrayNode array = NODES.arrayNode();
                    entries.forEach(array::add);
                    return array;
                });
        return Arbitraries.frequencyOf(
                Tuple.of(8, list),
                Tuple.of(1, Arbitraries.just(MissingNode.getInstance())),
                Tuple.of(1, Arbitraries.just(NODES.objectNode())));
    }

    private Arbitrary<Map<String, JsonNode>> extras() {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(name -> "x_" + name),
                anyText(1).filter(node -> !node.isMissingNode())).ofMaxSize(3);
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
                Long id = usableContactId(entry.path("contact_id"));
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static Long usableContactId(JsonNode id) {
        if (id.isIntegralNumber() && id.longValue() > 0) {
            return id.longValue();
        }
        if (id.isTextual() && id.textValue().matches("[0-9]+") && Long.parseLong(id.textValue()) > 0) {
            return Long.parseLong(id.textValue());
        }
        return null;
    }

}
