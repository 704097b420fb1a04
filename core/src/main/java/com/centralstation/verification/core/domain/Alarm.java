package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * The alarm a verification is about, as the contact and the operator see it.
 *
 * <p>Which triggers and priorities make an alarm urgent is the analysts' {@code alarmClass} table, not
 * this type's business: any word is kept as sent, and one the table does not know is classed normal.
 *
 * @param trigger what set the alarm off (motion, panic, fire, door-forced, ...), lower case;
 *                {@value #UNKNOWN_TRIGGER} when CHeKT sent none
 * @param priority CHeKT's priority word (HIGH, MEDIUM, LOW), upper case
 */
public record Alarm(String alarmId, String trigger, String priority, String location, String snapshotUrl,
                    Instant occurredAt) {

    /** The trigger of an alarm sent without one: still verified, classed normal unless its priority says more. */
    public static final String UNKNOWN_TRIGGER = "unknown";

    public Alarm {
        trigger = trigger == null || trigger.isBlank() ? UNKNOWN_TRIGGER : trigger.strip().toLowerCase(Locale.ROOT);
        priority = priority == null || priority.isBlank() ? "MEDIUM" : priority.strip().toUpperCase(Locale.ROOT);
    }
}
