package com.centralstation.verification.workflow;

import com.centralstation.verification.workflow.engine.EngineClock;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class EngineClockTest {

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void readsTheEnginesClockSoCoreAndTimersShareOneTime() {
        Clock clock = new EngineClock();
        Instant moved = Instant.parse("2030-01-02T03:04:05.678Z");

        ClockUtil.setCurrentTime(Date.from(moved));

        assertThat(clock.instant()).isEqualTo(moved);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        Clock inParis = clock.withZone(ZoneId.of("Europe/Paris"));
        assertThat(inParis.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(inParis.instant()).isEqualTo(moved);

        ClockUtil.setCurrentTime(Date.from(moved.plusSeconds(120)));
        assertThat(inParis.instant()).isEqualTo(moved.plusSeconds(120));
    }
}
