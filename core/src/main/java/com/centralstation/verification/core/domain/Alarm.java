package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The alarm a verification is about, as the contact and the operator see it.
 *
 * @param trigger what set the alarm off (motion, panic, fire, door-forced, ...), lower case
 * @param priority CHeKT's priority word (HIGH, MEDIUM, LOW), upper case
 */
public record Alarm(String alarmId, String trigger, String priority, String location, String snapshotUrl,
                    Instant occurredAt) {

    /**
     * Triggers that must not sit through the 2/5/10-minute ladder. The escalation policy (DMN) is
     * what acts on this; the set lives here only to describe the alarm to people.
     */
    private static final Set<String> LIFE_SAFETY = Set.of("fire", "panic", "duress", "hold-up", "medical");

    public Alarm {
        trigger = Require.text(trigger, "trigger").toLowerCase(Locale.ROOT);
        priority = priority == null || priority.isBlank() ? "MEDIUM" : priority.strip().toUpperCase(Locale.ROOT);
    }

    public boolean isLifeSafety() {
        return LIFE_SAFETY.contains(trigger);
    }
}
