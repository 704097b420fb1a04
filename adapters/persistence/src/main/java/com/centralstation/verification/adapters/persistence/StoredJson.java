package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.CallStatus;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.PhoneCall;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The JSON we keep in text columns. It has its own mapper and its own stored shapes, so neither the
 * application's ObjectMapper settings nor a renamed domain field can change what is on disk.
 */
final class StoredJson {

    private static final TypeReference<List<StoredContact>> CONTACTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };
    private static final TypeReference<List<StoredStatusChange>> STATUS_CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<List<StoredKeyPress>> KEY_PRESSES = new TypeReference<>() {
    };

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // stable text for the same details, whatever the map's iteration order
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // rows written by a newer version stay readable by an older one during a rolling upgrade
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    String callList(CallList callList) {
        return write(callList.contacts().stream().map(StoredContact::of).toList());
    }

    CallList callList(String json) {
        return new CallList(read(json, CONTACTS).stream().map(StoredContact::toContact).toList());
    }

    String details(Map<String, String> details) {
        return write(details);
    }

    Map<String, String> details(String json) {
        return read(json, DETAILS);
    }

    String statusChanges(List<PhoneCall.StatusChange> changes) {
        return write(changes.stream().map(StoredStatusChange::of).toList());
    }

    List<PhoneCall.StatusChange> statusChanges(String json) {
        return read(json, STATUS_CHANGES).stream().map(StoredStatusChange::toStatusChange).toList();
    }

    String keyPresses(List<PhoneCall.KeyPress> keys) {
        return write(keys.stream().map(StoredKeyPress::of).toList());
    }

    List<PhoneCall.KeyPress> keyPresses(String json) {
        return read(json, KEY_PRESSES).stream().map(StoredKeyPress::toKeyPress).toList();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write stored JSON", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read stored JSON", e);
        }
    }

    private record StoredContact(@JsonProperty("contact_id") long contactId,
                                 @JsonProperty("first_name") String firstName,
                                 @JsonProperty("last_name") String lastName,
                                 @JsonProperty("phone_number") String phoneNumber,
                                 @JsonProperty("email") String email) {

        static StoredContact of(Contact contact) {
            return new StoredContact(contact.contactId(), contact.firstName(), contact.lastName(), contact.phoneNumber(),
                    contact.email());
        }

        Contact toContact() {
            return new Contact(contactId, firstName, lastName, phoneNumber, email);
        }
    }

    private record StoredStatusChange(@JsonProperty("status") String status, @JsonProperty("sequence") Integer sequence,
                                      @JsonProperty("at") Instant at) {

        static StoredStatusChange of(PhoneCall.StatusChange change) {
            return new StoredStatusChange(change.status().name(),
                    change.sequence().isPresent() ? change.sequence().getAsInt() : null, change.at());
        }

        PhoneCall.StatusChange toStatusChange() {
            return new PhoneCall.StatusChange(CallStatus.valueOf(status),
                    sequence == null ? OptionalInt.empty() : OptionalInt.of(sequence), at);
        }
    }

    private record StoredKeyPress(@JsonProperty("prompt") String prompt, @JsonProperty("digits") String digits,
                                  @JsonProperty("at") Instant at) {

        static StoredKeyPress of(PhoneCall.KeyPress press) {
            return new StoredKeyPress(press.prompt(), press.digits(), press.at());
        }

        PhoneCall.KeyPress toKeyPress() {
            return new PhoneCall.KeyPress(prompt, digits, at);
        }
    }
}
