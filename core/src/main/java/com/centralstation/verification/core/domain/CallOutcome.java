package com.centralstation.verification.core.domain;

/**
 * How a phone call to a contact ended, once it is over. Only {@link #ANSWERED} reached the contact; every other
 * outcome means the contact was not reachable by this call, and the escalation ladder moves on.
 */
public enum CallOutcome {
    /** The contact confirmed a key: their answer went to the decision, whether or not it was the first. */
    ANSWERED("answered"),
    /** Someone picked up and the call ended without a confirmed key (hung up, or no key after two prompts). */
    NO_CONFIRMED_KEY("no-confirmed-key"),
    /** Voicemail, an answering machine or a fax took the call. */
    MACHINE("machine"),
    BUSY("busy"),
    NO_ANSWER("no-answer"),
    /** The provider could not connect the call (unroutable number, carrier refusal). */
    FAILED("failed"),
    CANCELED("canceled");

    private final String code;

    CallOutcome(String code) {
        this.code = code;
    }

    /** The word the metrics and the audit trail use. */
    public String code() {
        return code;
    }

    public boolean reachedContact() {
        return this == ANSWERED;
    }
}
