package com.centralstation.verification.archfixture.core.domain;

import com.centralstation.verification.archfixture.core.usecase.ConfirmAlarm;

/** Wrong twice: a catch-all name, and a domain type that drives a use case. */
public class AlarmUtil {

    public static void confirm(ConfirmAlarm useCase) {
        useCase.confirm("x");
    }
}
