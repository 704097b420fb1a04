package com.centralstation.verification.app.web.api;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.app.input.JsonInput;
import com.centralstation.verification.app.input.Limits;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.usecase.ManageCallLists;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A site's call list: the station's order of calling (CHeKT has none). Read, replace whole, or import
 * the site's contacts from CHeKT (known contacts keep their place, new ones are appended).
 */
@RestController
public class CallListController {

    private static final Set<String> LIST_FIELDS = Set.of("contacts");
    private static final Set<String> CONTACT_FIELDS = Set.of("contact_id", "first_name", "last_name", "phone_number", "email");

    private final ManageCallLists callLists;
    private final ObjectMapper mapper;

    public CallListController(ManageCallLists callLists, ObjectMapper mapper) {
        this.callLists = callLists;
        this.mapper = mapper;
    }

    @GetMapping("/api/dealers/{dealerId}/sites/{siteId}/call-list")
    public Map<String, Object> read(@PathVariable String dealerId, @PathVariable String siteId) {
        return json(callLists.callList(site(dealerId, siteId)));
    }

    @PutMapping(path = "/api/dealers/{dealerId}/sites/{siteId}/call-list", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> replace(@PathVariable String dealerId, @PathVariable String siteId,
                                       @RequestBody(required = false) byte[] body) {
        JsonInput input = JsonInput.parse(mapper, body).allowOnly(LIST_FIELDS);
        Set<Long> seen = new HashSet<>();
        List<Contact> contacts = input.objects("contacts").stream().map(entry -> {
            entry.allowOnly(CONTACT_FIELDS);
            long contactId = entry.positiveLong("contact_id");
            if (!seen.add(contactId)) {
                throw new InvalidInputException("contacts", "contact " + contactId + " is listed twice");
            }
            return new Contact(contactId, entry.optionalText("first_name", Limits.NAME).orElse(null),
                    entry.optionalText("last_name", Limits.NAME).orElse(null),
                    entry.optionalText("phone_number", Limits.PHONE).orElse(null),
                    entry.optionalText("email", Limits.EMAIL).orElse(null));
        }).toList();
        return json(callLists.replace(site(dealerId, siteId), new CallList(contacts)));
    }

    @PostMapping("/api/dealers/{dealerId}/sites/{siteId}/call-list/import")
    public Map<String, Object> importFromChekt(@PathVariable String dealerId, @PathVariable String siteId) {
        return json(callLists.importFromChekt(site(dealerId, siteId)));
    }

    private static SiteRef site(String dealerId, String siteId) {
        if (dealerId.length() > Limits.ID || siteId.length() > Limits.ID) {
            throw new InvalidInputException(dealerId.length() > Limits.ID ? "dealerId" : "siteId",
                    "must be at most " + Limits.ID + " characters");
        }
        return new SiteRef(dealerId, siteId);
    }

    private static Map<String, Object> json(CallList callList) {
        return Map.of("contacts", callList.contacts().stream().map(ContactJson::of).toList());
    }
}
