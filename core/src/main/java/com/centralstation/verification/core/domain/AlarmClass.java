package com.centralstation.verification.core.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * How urgent an alarm is, decided once at intake by the analysts' {@code alarmClass} table from its
 * trigger and priority. Every job and task of the verification is ordered by it: life-safety work
 * before high, high before normal. {@link #code()} is the value the tables and the process use.
 */
public enum AlarmClass {
    /** Fire, panic, duress, hold-up, medical: people may be in danger; an operator takes over at once. */
    LIFE_SAFETY("life-safety"),
    HIGH("high"),
    /** Everything else, including an alarm whose trigger or priority is missing or unknown. */
    NORMAL("normal");

    private final String code;

    AlarmClass(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** 0 for the most urgent class: the order in which received requests are started. */
    public int rank() {
        return ordinal();
    }

    /** @throws IllegalArgumentException for a rank no class has */
    public static AlarmClass ofRank(int rank) {
        if (rank < 0 || rank >= values().length) {
            throw new IllegalArgumentException("no alarm class of rank " + rank);
        }
        return values()[rank];
    }

    public static Optional<AlarmClass> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
