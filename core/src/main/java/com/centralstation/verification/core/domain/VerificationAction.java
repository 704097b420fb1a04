package com.centralstation.verification.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a contact decided about the alarm. */
public enum VerificationAction {
    /** The alarm is real: CHeKT dispatches emergency services. */
    DISPATCH,
    /** The alarm is false: nobody is sent. */
    DISREGARD;

    /** The word CHeKT and our own API use for it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses exactly {@code dispatch} or {@code disregard}; anything else is no action. */
    public static Optional<VerificationAction> fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code().equals(code)).findFirst();
    }
}
