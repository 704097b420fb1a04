package com.centralstation.verification.core.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a contact says they saw on the video, asked in one optional tap with the decision. An input of
 * the AVS-01 scoring: a person seen verifies the intrusion, a weapon or violence or fire a threat to life.
 * {@link #code()} is the value the validation table matches on.
 */
public enum ContactObservation {
    NOBODY("nobody"),
    PERSON("person"),
    WEAPON_OR_VIOLENCE("weapon-or-violence"),
    FIRE_OR_SMOKE("fire-or-smoke");

    private final String code;

    ContactObservation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ContactObservation> fromCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
    }
}
