package com.centralstation.verification.core.domain;

import java.util.Objects;

/**
 * Who caused a step of the audit trail, as stored with the row: {@code engine}, {@code chekt}, {@code station},
 * {@code contact:67890}, {@code operator:jane}, {@code supervisor:sam}. Stored rows keep this text (their hash
 * covers it), so the spellings here are a contract.
 *
 * @param id the actor as stored
 */
public record Actor(String id) {

    /** The service itself, running a step of the process (a job, a timer, a listener). */
    public static final Actor ENGINE = new Actor("engine");
    /** CHeKT: a delivery of its webhook, or its answer to our submission. */
    public static final Actor CHEKT = new Actor("chekt");
    /** The central station's own software, through the decisions API. */
    public static final Actor STATION = new Actor("station");
    /** An operator's decision whose operator is not on record (an evidence pack of a row that was never written). */
    public static final Actor OPERATOR = new Actor("operator");
    /** The voice provider (Twilio or a compatible one), reporting a phone call's progress. */
    public static final Actor VOICE_PROVIDER = new Actor("voice-provider");

    private static final String UNKNOWN = "unknown";

    public Actor {
        id = Require.text(id, "actor");
    }

    /** The contact who pressed a button behind their personal link, or a key during a phone call. */
    public static Actor contact(long contactId) {
        return new Actor("contact:" + contactId);
    }

    /** @param user the operator's Camunda user id; blank or null when not known */
    public static Actor operator(String user) {
        return new Actor("operator:" + orUnknown(user));
    }

    /** @param user the supervisor's Camunda user id; blank or null when not known */
    public static Actor supervisor(String user) {
        return new Actor("supervisor:" + orUnknown(user));
    }

    /** Who a decision came from, as far as the decision itself says (an operator's name comes with the task). */
    public static Actor decidedBy(ContactDecision decision) {
        Objects.requireNonNull(decision, "decision");
        return switch (decision.source()) {
            case RESPONSE_LINK, PHONE_CALL -> contact(decision.contactId());
            case STATION_API -> STATION;
            case OPERATOR -> OPERATOR;
        };
    }

    private static String orUnknown(String user) {
        return user == null || user.isBlank() ? UNKNOWN : user;
    }

    @Override
    public String toString() {
        return id;
    }
}
