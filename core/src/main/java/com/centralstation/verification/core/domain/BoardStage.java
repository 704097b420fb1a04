package com.centralstation.verification.core.domain;

/** Where an open verification stands, in the operator board's words; {@link #code()} is what the board's API says. */
public enum BoardStage {
    /** Accepted at intake; its workflow has not started yet. */
    RECEIVED("received"),
    /** Contacts are being called one after another; nobody has decided yet. */
    NOTIFYING("notifying"),
    /** Handed over: "Operator review" is open in Tasklist. */
    WITH_OPERATOR("with_operator"),
    /** A decision is being submitted to CHeKT. */
    SUBMITTING("submitting"),
    /**
     * CHeKT did not take a contact's dispatch, or has not taken it by the dispatch deadline (the submission goes on):
     * an operator must call the responding agency.
     */
    DISPATCH_NOT_TAKEN("dispatch_not_taken");

    private final String code;

    BoardStage(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
