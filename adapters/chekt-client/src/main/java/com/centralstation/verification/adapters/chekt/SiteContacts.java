package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.domain.Contact;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CHeKT's site contact list. CHeKT documents the contact fields but not the list's envelope
 * (docs/architecture.md), so both a bare array and CHeKT's newer {@code {"data": [...]}} envelope are accepted.
 * Unknown fields are ignored.
 */
final class SiteContacts {

    private SiteContacts() {
    }

    /** @throws IllegalArgumentException when the body is neither shape or a contact lacks a usable contact_id */
    static List<Contact> read(JsonNode body) {
        JsonNode list = body != null && body.isObject() ? body.get("data") : body;
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of contacts or {\"data\": [...]}");
        }
        List<Contact> contacts = new ArrayList<>(list.size());
        for (JsonNode entry : list) {
            contacts.add(new Contact(contactId(entry), text(entry, "first_name"), text(entry, "last_name"),
                    text(entry, "phone_number"), text(entry, "email")));
        }
        return List.copyOf(contacts);
    }

    /** A number per CHeKT; a numeric string is taken too, anything else is an error, never a silent zero. */
    private static long contactId(JsonNode entry) {
        JsonNode id = entry.get("contact_id");
        if (id != null && id.canConvertToLong() && id.isIntegralNumber()) {
            return id.longValue();
        }
        if (id != null && id.isTextual() && id.textValue().strip().matches("\\d{1,18}")) {
            return Long.parseLong(id.textValue().strip());
        }
        throw new IllegalArgumentException("a contact without a numeric contact_id");
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
