package com.centralstation.verification.app.web.api;

import com.centralstation.verification.core.domain.Contact;

import java.util.LinkedHashMap;
import java.util.Map;

/** A contact as our API shows it: CHeKT's field names, so the station's software maps nothing. */
final class ContactJson {

    private ContactJson() {
    }

    static Map<String, Object> of(Contact contact) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("contact_id", contact.contactId());
        json.put("first_name", contact.firstName());
        json.put("last_name", contact.lastName());
        json.put("phone_number", contact.phoneNumber());
        json.put("email", contact.email());
        return json;
    }
}
