package com.centralstation.verification.app.web.voice;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.CallScript;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationRecord;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What a contact hears on a call, in words a text-to-speech voice reads well. It names the station, the site and the
 * alarm, and what was decided, never who else is on the call list or who decided.
 */
final class CallWords {

    private final String callerName;
    private final DateTimeFormatter timeFormat;

    /** @param zone the zone alarm times are spoken in */
    CallWords(String callerName, ZoneId zone) {
        this.callerName = callerName;
        this.timeFormat = DateTimeFormatter.ofPattern("h:mm a, EEEE d MMMM", Locale.ENGLISH).withZone(zone);
    }

    String cue(CallScript.Cue cue, CallScript.Turn turn, VerificationRecord record) {
        return switch (cue) {
            case ALARM -> alarm(record);
            case CHOSEN -> chosen(turn);
            case NOTHING_HEARD -> "We did not hear a key.";
            case NOT_AN_OPTION -> "That key is not one of the choices.";
            case CHOOSE_AGAIN -> "Let us choose again.";
            case NOT_RECORDED -> "Sorry, your answer could not be recorded just now.";
            case ACCEPTED -> "Thank you. Your answer is recorded: " + decided(record) + ". Goodbye.";
            case DECIDED_BY_YOU -> "You have already answered this alarm: " + decided(record) + ". Goodbye.";
            case DECIDED_BY_ANOTHER -> "Another contact has already answered this alarm: " + decided(record)
                    + ". Nothing more is needed from you. Goodbye.";
            case CLOSED -> "This alarm has been closed. Nothing more is needed from you. Goodbye.";
            case NOT_TAKEN -> "Sorry, your answer could not be taken. Please call the monitoring station. Goodbye.";
            case NO_KEY_GOODBYE -> "We did not hear an answer, so the station will call the next contact. Goodbye.";
        };
    }

    String question(CallScript.Step step) {
        if (step instanceof CallScript.Confirm confirm) {
            return "Press 1 to confirm that " + consequence(confirm.action()) + ". Press any other key to choose again.";
        }
        return "Press 1 to send emergency services. Press 2 if it is a false alarm. Press 9 to hear this again.";
    }

    private String alarm(VerificationRecord record) {
        Alarm alarm = record.verification().alarm();
        Instant time = alarm.occurredAt() != null ? alarm.occurredAt() : record.verification().receivedAt();
        String location = alarm.location() == null || alarm.location().isBlank() ? "" : ", at " + alarm.location().strip();
        String trigger = alarm.trigger().replace('-', ' ');
        return "Hello. This is " + callerName + ", calling about an alarm at site " + record.verification().site().siteId()
                + ". " + (startsWithVowel(trigger) ? "An " : "A ") + trigger + " alarm went off" + location + ", at "
                + timeFormat.format(time) + ".";
    }

    private static boolean startsWithVowel(String word) {
        return !word.isEmpty() && "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0;
    }

    private static String chosen(CallScript.Turn turn) {
        if (turn instanceof CallScript.Ask ask && ask.step() instanceof CallScript.Confirm confirm) {
            return confirm.action() == VerificationAction.DISPATCH ? "You chose to send emergency services."
                    : "You chose: this is a false alarm.";
        }
        return "";
    }

    private static String decided(VerificationRecord record) {
        return record.decision().map(ContactDecision::action).map(CallWords::consequence).orElse("it is recorded");
    }

    private static String consequence(VerificationAction action) {
        return action == VerificationAction.DISPATCH ? "emergency services are sent" : "it is a false alarm and nobody is sent";
    }
}
