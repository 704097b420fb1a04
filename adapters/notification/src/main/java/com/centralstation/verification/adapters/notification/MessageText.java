package com.centralstation.verification.adapters.notification;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words of a notification. The SMS text is kept within two GSM-7 segments (306 characters)
 * so it reaches older phones as one message and costs at most two.
 */
final class MessageText {

    static final int SMS_MAX_LENGTH = 306;
    private static final int LOCATION_MAX_LENGTH = 40;
    private static final int TRIGGER_MAX_LENGTH = 24;
    private static final int PRIORITY_MAX_LENGTH = 10;

    private final DateTimeFormatter timeFormat;

    MessageText(ZoneId zone) {
        this.timeFormat = DateTimeFormatter.ofPattern("d MMM HH:mm zzz", Locale.ENGLISH).withZone(zone);
    }

    String sms(ContactMessage message) {
        String text = "ALARM " + shorten(message.alarm().priority(), PRIORITY_MAX_LENGTH) + " " + trigger(message) + " at site " + message.site()
                + location(message) + ", " + time(message) + ". Dispatch or disregard: " + message.responseLink();
        if (text.length() > SMS_MAX_LENGTH) {
            // Only an unusually long base URL gets here: the link must survive whole, the summary need not.
            String link = " " + message.responseLink();
            text = text.substring(0, Math.max(0, SMS_MAX_LENGTH - link.length())) + link;
        }
        return text;
    }

    String emailSubject(ContactMessage message) {
        return "Alarm verification: " + trigger(message) + " at site " + message.site() + location(message);
    }

    String emailBody(ContactMessage message) {
        return """
                An alarm needs your verification.

                Site:     %s
                Location: %s
                Trigger:  %s
                Time:     %s
                Priority: %s

                Open your personal link to dispatch help or disregard the alarm:
                %s

                The link is yours alone; please do not forward it.
                """.formatted(message.site(), orDash(message.alarm().location()), message.alarm().trigger(),
                time(message), message.alarm().priority(), message.responseLink());
    }

    String time(ContactMessage message) {
        return timeFormat.format(message.alarmTime());
    }

    private static String trigger(ContactMessage message) {
        return shorten(message.alarm().trigger(), TRIGGER_MAX_LENGTH);
    }

    private static String location(ContactMessage message) {
        String location = message.alarm().location();
        return location == null || location.isBlank() ? "" : " (" + shorten(location.strip(), LOCATION_MAX_LENGTH) + ")";
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + ".";
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }
}
