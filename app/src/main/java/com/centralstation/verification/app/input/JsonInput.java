package com.centralstation.verification.app.input;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.app.input.JsonInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a JSON object field by field, so every refusal names the field (as {@code data.alarm.trigger}) and
 * says what was wrong. Binding straight to records would turn a wrong type into a generic parse error.
 */
public final class JsonInput {

    private final JsonNode node;
    private final String path;

    private JsonInput(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public static JsonInput parse(ObjectMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "The request body is empty: send a JSON object.");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "The request body is not valid JSON (" + e.getOriginalMessage() + "): send a JSON object.");
        } catch (IOException e) {
            throw new InvalidInputException("body", "The request body could not be read: send it again as a JSON object.");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "The request body must be a JSON object.");
        }
        return new JsonInput(root, "");
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private Optional<JsonNode> value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** Refuses fields this API does not define, so a typo is not silently ignored. */
    public JsonInput allowOnly(Set<String> fields) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!fields.contains(field)) {
                throw new InvalidInputException(name(field), "Unknown field " + name(field) + ": this request takes only "
                        + String.join(", ", fields.stream().sorted().toList()) + ".");
            }
        }
        return this;
    }

    public JsonInput object(String field) {
        JsonNode value = value(field).orElseThrow(() -> missing(field));
        if (!value.isObject()) {
            throw new InvalidInputException(name(field), "must be a JSON object");
        }
        return new JsonInput(value, name(field));
    }

    public Optional<JsonInput> optionalObject(String field) {
        return value(field).map(value -> {
            if (!value.isObject()) {
                throw new InvalidInputException(name(field), "must be a JSON object");
            }
            return new JsonInput(value, name(field));
        });
    }

    /** The elements of an optional array of objects; empty when the field is absent or null. */
    public List<JsonInput> objects(String field) {
        Optional<JsonNode> value = value(field);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw new InvalidInputException(name(field), "must be a JSON array");
        }
        List<JsonInput> elements = new ArrayList<>();
        for (int i = 0; i < value.get().size(); i++) {
            JsonNode element = value.get().get(i);
            String elementName = name(field) + "[" + i + "]";
            if (!element.isObject()) {
                throw new InvalidInputException(elementName, "must be a JSON object");
            }
            elements.add(new JsonInput(element, elementName));
        }
        return elements;
    }

    public String text(String field) {
        return optionalText(field).orElseThrow(() -> missing(field));
    }

    /** A required string of at most {@code maxLength} characters (the column it is stored in). */
    public String text(String field, int maxLength) {
        return optionalText(field, maxLength).orElseThrow(() -> missing(field));
    }

    public Optional<String> optionalText(String field, int maxLength) {
        return optionalText(field).map(text -> {
            if (text.length() > maxLength) {
                throw new InvalidInputException(name(field), "must be at most " + maxLength + " characters");
            }
            return text;
        });
    }

    public Optional<String> optionalText(String field) {
        return value(field).map(value -> {
            if (!value.isTextual()) {
                throw new InvalidInputException(name(field), "must be a string");
            }
            if (value.textValue().isBlank()) {
                throw new InvalidInputException(name(field), "must not be blank");
            }
            return value.textValue();
        });
    }

    /** A positive whole number, given as a JSON number (CHeKT's ids are numbers, not strings). */
    public long positiveLong(String field) {
        JsonNode value = value(field).orElseThrow(() -> missing(field));
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidInputException(name(field), "must be a whole number");
        }
        if (value.longValue() <= 0) {
            throw new InvalidInputException(name(field), "must be positive");
        }
        return value.longValue();
    }

    public UUID uuid(String field) {
        String text = text(field);
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("not canonical");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name(field), "must be a UUID such as 550e8400-e29b-41d4-a716-446655440000");
        }
    }

    public Optional<Instant> optionalInstant(String field) {
        return optionalText(field).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(name(field), "must be an ISO-8601 instant such as 2026-05-26T10:22:05Z");
            }
        });
    }

    public ObjectNode raw() {
        return (ObjectNode) node;
    }

    private InvalidInputException missing(String field) {
        return new InvalidInputException(name(field), "is required");
    }
}
