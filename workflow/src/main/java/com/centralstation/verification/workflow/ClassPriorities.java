package com.centralstation.verification.workflow;

import com.centralstation.verification.core.domain.AlarmClass;

/**
 * The engine priorities of each alarm class. The model's job priorities add a step offset to the class's
 * band: first notification +100, escalation timers and next-contact notifications +200, submission +300.
 * The bands lie 1000 apart and the offsets stay below 1000, so under load (the job executor acquires by
 * priority) every life-safety job runs before any high one, every high one before any normal one, and
 * within a class a verification under way goes before a new alarm.
 */
public final class ClassPriorities {

    private ClassPriorities() {
    }

    /** The band the model's {@code camunda:jobPriority} expressions add their step offset to. */
    public static long jobPriorityBand(AlarmClass alarmClass) {
        return switch (alarmClass) {
            case LIFE_SAFETY -> 3000;
            case HIGH -> 2000;
            case NORMAL -> 1000;
        };
    }

    /** The operator task's priority in Tasklist (Camunda's default is 50). */
    public static int taskPriority(AlarmClass alarmClass) {
        return switch (alarmClass) {
            case LIFE_SAFETY -> 100;
            case HIGH -> 75;
            case NORMAL -> 50;
        };
    }
}
