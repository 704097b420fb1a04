package com.centralstation.verification.app.intake;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.app.input.JsonInput;
import com.centralstation.verification.app.input.Limits;
import com.centralstation.verification.app.intake.ChektEvent;
import com.centralstation.verification.app.intake.ChektWebhookMapper;
import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.usecase.VerificationRequest;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one place that knows the shape of CHeKT's webhook payloads (see docs/architecture.md, "Inbound:
 * CHeKT's webhook": CHeKT has not published {@code verification.requested}, so we defined it). Unknown fields
 * are tolerated on purpose: CHeKT adds fields, and refusing a delivery would make CHeKT retry a real alarm for
 * 24 hours and then drop it.
 */
public final class ChektWebhookMapper {

    private final ObjectMapper mapper;

    public ChektWebhookMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ChektEvent event(byte[] body) {
        JsonInput envelope = JsonInput.parse(mapper, body);
        String id = envelope.text("id", Limits.ID);
        String type = envelope.text("type", Limits.ID);
        JsonInput data = envelope.optionalObject("data").orElse(null);
        if (data == null && (ChektEvent.VERIFICATION_REQUESTED.equals(type))) {
            throw new InvalidInputException("data", "is required");
        }
        return new ChektEvent(id, type, data);
    }

    public VerificationRequest verificationRequest(ChektEvent event) {
        JsonInput data = event.data();
        SiteRef site = new SiteRef(data.text("dealer_id", Limits.ID), data.text("site_id", Limits.ID));
        ChektReference chekt = new ChektReference(site, data.positiveLong("alarm_verification_id"),
                data.uuid("verification_id"));
        JsonInput alarm = data.object("alarm");
        Alarm alarmValue = new Alarm(
                alarm.optionalText("alarm_id", Limits.ID).orElse(null),
                alarm.text("trigger", Limits.WORD),
                alarm.optionalText("priority", Limits.WORD).orElse(null),
                alarm.optionalText("location", Limits.TEXT).orElse(null),
                alarm.optionalText("snapshot_url", Limits.URL).orElse(null),
                alarm.optionalInstant("occurred_at").orElse(null));
        return new VerificationRequest(chekt, alarmValue, contacts(data));
    }

    /** The verification a cancellation names; empty when the event names none (an alarm without verification). */
    public Optional<UUID> cancelledVerification(ChektEvent event) {
        if (event.data() == null) {
            return Optional.empty();
        }
        return event.data().optionalText("verification_id").map(text -> event.data().uuid("verification_id"));
    }

    private List<Contact> contacts(JsonInput data) {
        List<JsonInput> entries = data.objects("contacts");
        Set<Long> seen = new HashSet<>();
        return entries.stream().map(entry -> {
            long contactId = entry.positiveLong("contact_id");
            if (!seen.add(contactId)) {
                throw new InvalidInputException("data.contacts", "contact " + contactId + " is listed twice");
            }
            return new Contact(contactId,
                    entry.optionalText("first_name", Limits.NAME).orElse(null),
                    entry.optionalText("last_name", Limits.NAME).orElse(null),
                    entry.optionalText("phone_number", Limits.PHONE).orElse(null),
                    entry.optionalText("email", Limits.EMAIL).orElse(null));
        }).toList();
    }
}
