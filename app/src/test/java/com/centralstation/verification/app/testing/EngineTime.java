package com.centralstation.verification.app.testing;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The engine's clock ({@code ClockUtil}), which the job executor and the use cases (through EngineClock) both read:
 * moving it makes due timers fire through the real job executor. Tests reset it after each test.
 */
public final class EngineTime {

    private EngineTime() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** Stops the clock, so every timestamp the service writes from here on is known exactly. */
    public static Instant freeze() {
        ClockUtil.setCurrentTime(new Date());
        return now();
    }

    public static void set(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    public static void advance(Duration duration) {
        set(now().plus(duration));
    }
}
