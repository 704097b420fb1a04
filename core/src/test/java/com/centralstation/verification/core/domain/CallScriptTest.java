package com.centralstation.verification.core.domain;

import com.centralstation.verification.core.domain.CallScript.Ask;
import com.centralstation.verification.core.domain.CallScript.Confirm;
import com.centralstation.verification.core.domain.CallScript.Cue;
import com.centralstation.verification.core.domain.CallScript.Decide;
import com.centralstation.verification.core.domain.CallScript.End;
import com.centralstation.verification.core.domain.CallScript.Menu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallScriptTest {

    @Test
    void theCallOpensWithTheAlarmAndTheMenu() {
        assertThat(CallScript.opening()).isEqualTo(new Ask(List.of(Cue.ALARM), new Menu(1)));
    }

    @Test
    void oneAsksToConfirmEmergencyServicesAndTwoToConfirmAFalseAlarm() {
        assertThat(CallScript.after(new Menu(1), "1"))
                .isEqualTo(new Ask(List.of(Cue.CHOSEN), new Confirm(VerificationAction.DISPATCH, 1)));
        assertThat(CallScript.after(new Menu(2), "2"))
                .isEqualTo(new Ask(List.of(Cue.CHOSEN), new Confirm(VerificationAction.DISREGARD, 1)));
    }

    @Test
    void nineRepeatsTheAlarmAndTheMenu() {
        assertThat(CallScript.after(new Menu(2), "9")).isEqualTo(CallScript.opening());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3", "8", "*", "#", "12"})
    void anyOtherKeyIsNotAnOptionAndTheMenuIsAskedAgain(String key) {
        assertThat(CallScript.after(new Menu(2), key)).isEqualTo(new Ask(List.of(Cue.NOT_AN_OPTION), new Menu(1)));
    }

    @Test
    void noKeyAsksTheMenuOnceMoreThenTheCallEndsPolitely() {
        assertThat(CallScript.after(new Menu(1), "")).isEqualTo(new Ask(List.of(Cue.NOTHING_HEARD), new Menu(2)));
        assertThat(CallScript.after(new Menu(2), null)).isEqualTo(new End(List.of(Cue.NO_KEY_GOODBYE)));
    }

    @ParameterizedTest
    @EnumSource(VerificationAction.class)
    void oneConfirmsTheChoiceAsTheDecision(VerificationAction action) {
        assertThat(CallScript.after(new Confirm(action, 2), "1")).isEqualTo(new Decide(action));
    }

    @Test
    void anotherKeyAtTheConfirmationGoesBackToTheMenu() {
        assertThat(CallScript.after(new Confirm(VerificationAction.DISPATCH, 1), "2"))
                .isEqualTo(new Ask(List.of(Cue.CHOOSE_AGAIN), new Menu(1)));
    }

    @Test
    void noKeyAtTheConfirmationRepeatsTheChoiceOnceThenTheCallEnds() {
        assertThat(CallScript.after(new Confirm(VerificationAction.DISREGARD, 1), " "))
                .isEqualTo(new Ask(List.of(Cue.NOTHING_HEARD, Cue.CHOSEN), new Confirm(VerificationAction.DISREGARD, 2)));
        assertThat(CallScript.after(new Confirm(VerificationAction.DISREGARD, 2), ""))
                .isEqualTo(new End(List.of(Cue.NO_KEY_GOODBYE)));
    }

    @Test
    void aQuestionIsAskedAtMostTwice() {
        assertThatThrownBy(() -> new Menu(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Confirm(VerificationAction.DISPATCH, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachQuestionHasTheNameItIsRecordedUnder() {
        assertThat(new Menu(1).label()).isEqualTo("menu");
        assertThat(new Confirm(VerificationAction.DISPATCH, 1).label()).isEqualTo("confirm-dispatch");
        assertThat(new Confirm(VerificationAction.DISREGARD, 2).label()).isEqualTo("confirm-disregard");
    }
}
