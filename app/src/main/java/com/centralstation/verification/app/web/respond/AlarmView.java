package com.centralstation.verification.app.web.respond;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationRecord;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The alarm as the contact behind a link sees it. Built field by field on purpose: the page must never show
 * the verification's id, the call list or anyone else on it, so only what is copied here can reach the HTML.
 *
 * @param site        CHeKT's dealer/site, as the contact's message names it
 * @param snapshotUrl the camera snapshot, only when it is an https URL (the page's CSP loads nothing else)
 * @param firstName   the contact's own first name, for the greeting; null when unknown
 */
public record AlarmView(String site, String trigger, String priority, String location, String alarmTime,
                        String snapshotUrl, String firstName, boolean lifeSafety) {

    static AlarmView of(VerificationRecord record, long contactId, DateTimeFormatter timeFormat) {
        Verification verification = record.verification();
        Alarm alarm = verification.alarm();
        Instant time = alarm.occurredAt() != null ? alarm.occurredAt() : verification.receivedAt();
        String firstName = verification.callList().find(contactId).map(Contact::firstName).orElse(null);
        return new AlarmView(verification.site().toString(), words(alarm.trigger()), alarm.priority(),
                blankToNull(alarm.location()), timeFormat.format(time), httpsOnly(alarm.snapshotUrl()), firstName,
                verification.alarmClass() == AlarmClass.LIFE_SAFETY);
    }

    /** "door-forced" reads as "Door forced". */
    static String words(String code) {
        String text = code.replace('-', ' ').replace('_', ' ').strip();
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    static String httpsOnly(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? uri.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
