package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The engine's clock as a {@link Clock}. Core use cases and engine timers read the same time, so a
 * timer's due date and the "first notified at" it is measured from agree, in production and when a
 * test moves {@link ClockUtil}.
 */
public final class EngineClock extends Clock {

    private final ZoneId zone;

    public EngineClock() {
        this(ZoneOffset.UTC);
    }

    private EngineClock(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new EngineClock(zone);
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
