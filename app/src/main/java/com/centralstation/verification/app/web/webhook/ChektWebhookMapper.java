package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.app.input.Limits;
import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.RefusalReason;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.usecase.Cancellation;
import com.centralstation.verification.core.usecase.ChektDelivery;
import com.centralstation.verification.core.usecase.ChektEvent;
import com.centralstation.verification.core.usecase.VerificationRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one place that knows the shape of CHeKT's webhook payloads (CHeKT has not published
 * {@code verification.requested}, so we defined it: docs/api.md, "What a verification.requested delivery must carry"). It reads a delivery once, into
 * core's {@link ChektDelivery}: the envelope, and the {@code data} of the event types the service acts on (a
 * {@link VerificationRequest}, a {@link Cancellation}); any other type is {@link ChektEvent#NONE}.
 *
 * <p>It is liberal on purpose: CHeKT answers a refusal by retrying for 24 hours and then dropping the alarm, so only
 * what the PATCH to CHeKT needs is required ({@code dealer_id}, {@code site_id}, {@code alarm_verification_id},
 * {@code verification_id}). Everything else is taken as well as it can be, and each repair is reported so the intake
 * can audit it: blanks count as absent, over-long text is cut to its column, a contact listed twice is kept once, an
 * entry without a usable {@code contact_id} is dropped, unknown fields and unknown trigger or priority words pass as
 * they are.
 */
public final class ChektWebhookMapper {

    /** Taken when the alarm names no trigger: no class of its own, so the policy treats it as a normal alarm. */
    public static final String UNKNOWN_TRIGGER = "unknown";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final int EVENT_TYPE = 128;

    private final ObjectMapper mapper;

    public ChektWebhookMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @throws UnusableDeliveryException when the body is not a JSON object, names no event type, or lacks a field the
     *         service needs to act on its event (then nothing may be recorded, so a corrected delivery with the same
     *         event id is still taken)
     */
    public ChektDelivery delivery(byte[] body) {
        if (body == null || body.length == 0) {
            throw new UnusableDeliveryException(RefusalReason.UNPARSABLE, "body", "the body is empty; a JSON object is required");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UnusableDeliveryException(RefusalReason.UNPARSABLE, "body", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnusableDeliveryException(RefusalReason.UNPARSABLE, "body", "the body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new UnusableDeliveryException(RefusalReason.UNPARSABLE, "body", "the body must be a JSON object");
        }
        String type = text(root.get("type")).map(String::strip)
                .orElseThrow(() -> required("type", "is required: the event type, such as verification.requested"));
        String id = text(root.get("id")).map(String::strip).filter(text -> text.length() <= Limits.ID)
                .orElseGet(() -> "sha256:" + sha256(body));
        JsonNode found = root.get("data");
        JsonNode data = found != null && found.isObject() ? found : null;
        String eventType = cut(type, EVENT_TYPE);
        Map<String, String> repairs = new LinkedHashMap<>();
        return new ChektDelivery(id, eventType, event(eventType, data, repairs), repairs, body);
    }

    /** The {@code data} of the event types the service acts on; a new event type adds its reading here. */
    private ChektEvent event(String type, JsonNode data, Map<String, String> repairs) {
        if (VerificationRequest.EVENT_TYPE.equals(type)) {
            return verificationRequest(data, repairs);
        }
        if (Cancellation.EVENT_TYPES.contains(type)) {
            // a cancellation naming no usable verification (an alarm without one) changes nothing
            return new Cancellation(data == null ? null : verificationId(data).orElse(null));
        }
        return ChektEvent.NONE;
    }

    /** @throws UnusableDeliveryException when a field the PATCH to CHeKT needs is missing or malformed */
    private VerificationRequest verificationRequest(JsonNode data, Map<String, String> repairs) {
        if (data == null) {
            throw required("data", "is required: a JSON object");
        }
        SiteRef site = new SiteRef(identifier(data, "dealer_id"), identifier(data, "site_id"));
        ChektReference chekt = new ChektReference(site, alarmVerificationId(data), verificationId(data)
                .orElseThrow(() -> required("data.verification_id", "is required: a UUID such as 550e8400-e29b-41d4-a716-446655440000")));
        Alarm alarm = alarm(data.get("alarm"), repairs);
        List<Contact> contacts = contacts(data.get("contacts"), repairs);
        return new VerificationRequest(chekt, alarm, contacts);
    }

    private static Optional<UUID> verificationId(JsonNode data) {
        Optional<String> text = text(data.get("verification_id")).map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text.get());
            if (uuid.toString().equalsIgnoreCase(text.get())) {
                return Optional.of(uuid);
            }
        } catch (IllegalArgumentException notAUuid) {
            // refused below
        }
        throw required("data.verification_id", "must be a UUID such as 550e8400-e29b-41d4-a716-446655440000");
    }

    /** {@code dealer_id} and {@code site_id} go into CHeKT's PATCH path: a string or a number, never cut. */
    private static String identifier(JsonNode data, String field) {
        JsonNode value = data.get(field);
        String text = value != null && value.isIntegralNumber() ? value.asText() : text(value).map(String::strip).orElse(null);
        if (text == null) {
            throw required("data." + field, "is required: a string or a number");
        }
        if (text.length() > Limits.ID) {
            throw required("data." + field, "must be at most " + Limits.ID + " characters");
        }
        return text;
    }

    private static long alarmVerificationId(JsonNode data) {
        String field = "data.alarm_verification_id";
        return positiveWholeNumber(data.get("alarm_verification_id"))
                .orElseThrow(() -> required(field, data.hasNonNull("alarm_verification_id")
                        ? "must be a positive whole number (a JSON number or a string of digits)" : "is required"));
    }

    private Alarm alarm(JsonNode alarm, Map<String, String> repairs) {
        if (alarm == null || alarm.isNull()) {
            return new Alarm(null, UNKNOWN_TRIGGER, null, null, null, null);
        }
        if (!alarm.isObject()) {
            repairs.put("data.alarm", "ignored: not a JSON object");
            return new Alarm(null, UNKNOWN_TRIGGER, null, null, null, null);
        }
        Fields fields = new Fields("data.alarm", alarm, repairs);
        return new Alarm(
                fields.text("alarm_id", Limits.ID).orElse(null),
                fields.text("trigger", Limits.WORD).orElse(UNKNOWN_TRIGGER),
                fields.text("priority", Limits.WORD).orElse(null),
                fields.text("location", Limits.TEXT).orElse(null),
                fields.wholeText("snapshot_url", Limits.URL).orElse(null),
                fields.instant("occurred_at").orElse(null));
    }

    private List<Contact> contacts(JsonNode contacts, Map<String, String> repairs) {
        if (contacts == null || contacts.isNull()) {
            return List.of();
        }
        if (!contacts.isArray()) {
            repairs.put("data.contacts", "ignored: not a JSON array; the site's stored call list is used");
            return List.of();
        }
        List<Contact> taken = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (int i = 0; i < contacts.size(); i++) {
            String path = "data.contacts[" + i + "]";
            JsonNode entry = contacts.get(i);
            if (entry == null || !entry.isObject()) {
                repairs.put(path, "dropped: not a JSON object");
                continue;
            }
            Optional<Long> contactId = positiveWholeNumber(entry.get("contact_id"));
            if (contactId.isEmpty()) {
                repairs.put(path, "dropped: no usable contact_id (a positive whole number is required)");
                continue;
            }
            if (!seen.add(contactId.get())) {
                repairs.put(path, "dropped: contact " + contactId.get() + " is listed twice; the first entry is kept");
                continue;
            }
            Fields fields = new Fields(path, entry, repairs);
            taken.add(new Contact(contactId.get(),
                    fields.text("first_name", Limits.NAME).orElse(null),
                    fields.text("last_name", Limits.NAME).orElse(null),
                    fields.text("phone_number", Limits.PHONE).orElse(null),
                    fields.text("email", Limits.EMAIL).orElse(null)));
        }
        return taken;
    }

    /** Optional text fields of one object, read best effort; each repair is noted under its field's path. */
    private record Fields(String path, JsonNode node, Map<String, String> repairs) {

        Optional<String> text(String field, int maxLength) {
            return value(field).map(text -> {
                if (text.length() <= maxLength) {
                    return text;
                }
                repairs.put(name(field), "cut from " + text.length() + " to " + maxLength + " characters");
                return cut(text, maxLength);
            });
        }

        /** A value that is useless cut short (a link): left out when too long. */
        Optional<String> wholeText(String field, int maxLength) {
            return value(field).filter(text -> {
                if (text.length() <= maxLength) {
                    return true;
                }
                repairs.put(name(field), "left out: longer than " + maxLength + " characters");
                return false;
            });
        }

        Optional<Instant> instant(String field) {
            JsonNode value = node.get(field);
            if (value != null && value.isIntegralNumber() && value.canConvertToLong()) {
                return Optional.of(Instant.ofEpochSecond(value.longValue()));
            }
            return value(field).flatMap(text -> {
                try {
                    return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
                } catch (DateTimeParseException notAnInstant) {
                    repairs.put(name(field), "left out: not an ISO-8601 instant");
                    return Optional.empty();
                }
            });
        }

        private Optional<String> value(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (value.isContainerNode()) {
                repairs.put(name(field), "left out: not a string");
                return Optional.empty();
            }
            return ChektWebhookMapper.text(value);
        }

        private String name(String field) {
            return path + "." + field;
        }
    }

    /** A string, number or boolean as text; empty for absent, null, blank, or a JSON object or array. */
    private static Optional<String> text(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        String text = value.isTextual() ? value.textValue() : value.asText();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A JSON number with a whole positive value, or a string of digits. */
    private static Optional<Long> positiveWholeNumber(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            try {
                long number = value.decimalValue().longValueExact();
                return number > 0 ? Optional.of(number) : Optional.empty();
            } catch (ArithmeticException notWhole) {
                return Optional.empty();
            }
        }
        if (value.isTextual() && DIGITS.matcher(value.textValue().strip()).matches()) {
            try {
                long number = Long.parseLong(value.textValue().strip());
                return number > 0 ? Optional.of(number) : Optional.empty();
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Cut to at most {@code length} UTF-16 units without splitting a surrogate pair. */
    static String cut(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    private static UnusableDeliveryException required(String field, String detail) {
        return new UnusableDeliveryException(RefusalReason.REQUIRED_FIELD, field, field + " " + detail);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
