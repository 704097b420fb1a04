package com.centralstation.verification.core.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    private static final Instant NOTIFIED = Instant.parse("2026-05-26T10:21:35Z");

    @ParameterizedTest(name = "{0}s after the first notification is {1}")
    @CsvSource({"0,IDEAL", "119,IDEAL", "120,IDEAL", "121,ACCEPTABLE", "300,ACCEPTABLE", "301,LATE", "600,LATE",
            "601,TOO_LATE", "7200,TOO_LATE"})
    void responseTimeBandsFollowChektsTable(long seconds, ResponseTime expected) {
        assertThat(ResponseTime.of(NOTIFIED, NOTIFIED.plus(Duration.ofSeconds(seconds)))).isEqualTo(expected);
    }

    @Test
    void actionsParseOnlyTheirExactLowerCaseCodes() {
        assertThat(VerificationAction.fromCode("dispatch")).contains(VerificationAction.DISPATCH);
        assertThat(VerificationAction.fromCode("disregard")).contains(VerificationAction.DISREGARD);
        assertThat(VerificationAction.fromCode("DISPATCH")).isEmpty();
        assertThat(VerificationAction.fromCode("cancel")).isEmpty();
        assertThat(VerificationAction.fromCode(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fire", " FIRE", "fire "})
    void triggersAreKeptInLowerCaseSoTheClassTableMatchesThemWhateverTheirCase(String trigger) {
        assertThat(new Alarm("A", trigger, "HIGH", null, null, null).trigger()).isEqualTo("fire");
    }

    @Test
    void alarmNormalisesTriggerAndPriority() {
        Alarm alarm = new Alarm("A", " Motion ", " high", null, null, null);

        assertThat(alarm.trigger()).isEqualTo("motion");
        assertThat(alarm.priority()).isEqualTo("HIGH");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void anAlarmWithoutTriggerOrPriorityIsStillAnAlarm(String missing) {
        Alarm alarm = new Alarm("A", missing, missing, null, null, null);

        assertThat(alarm.trigger()).isEqualTo(Alarm.UNKNOWN_TRIGGER);
        assertThat(alarm.priority()).isEqualTo("MEDIUM");
    }

    @Test
    void alarmClassesRoundTripTheirDmnCodes() {
        for (AlarmClass alarmClass : AlarmClass.values()) {
            assertThat(AlarmClass.fromCode(alarmClass.code())).contains(alarmClass);
        }
        assertThat(AlarmClass.fromCode("LIFE_SAFETY")).isEmpty();
        assertThat(AlarmClass.fromCode(null)).isEmpty();
    }

    @Test
    void alarmClassesRankLifeSafetyFirstAndTheRanksStoredInTheInboxStay() {
        assertThat(AlarmClass.LIFE_SAFETY.rank()).isZero();
        assertThat(AlarmClass.HIGH.rank()).isEqualTo(1);
        assertThat(AlarmClass.NORMAL.rank()).isEqualTo(2);
        for (AlarmClass alarmClass : AlarmClass.values()) {
            assertThat(AlarmClass.ofRank(alarmClass.rank())).isEqualTo(alarmClass);
        }
        assertThatThrownBy(() -> AlarmClass.ofRank(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escalationStepsRoundTripTheirDmnCodes() {
        for (EscalationStep step : EscalationStep.values()) {
            assertThat(EscalationStep.fromCode(step.code())).contains(step);
        }
        assertThat(EscalationStep.fromCode("3min")).isEmpty();
    }

    @Test
    void identifiersAreValidated() {
        assertThatThrownBy(() -> new SiteRef(" ", "1")).hasMessageContaining("dealerId");
        assertThatThrownBy(() -> new Contact(0, "A", "B", null, null)).hasMessageContaining("contactId");
        assertThatThrownBy(() -> new ChektReference(new SiteRef("1", "2"), 0, java.util.UUID.randomUUID()))
                .hasMessageContaining("alarmVerificationId");
    }
}
