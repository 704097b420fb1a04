package com.centralstation.verification.core.domain;

import java.util.List;

/**
 * What the escalation policy says to do at one step.
 *
 * @param notifyNextContact call the next contact on the call list
 * @param alertOperator tell an operator now, while contacts are still being called
 * @param handOverToOperator an operator takes over the verification (a Tasklist task)
 */
public record EscalationAdvice(boolean notifyNextContact, boolean alertOperator, boolean handOverToOperator) {

    public static final String NOTIFY_NEXT_CONTACT = "notifyNextContact";
    public static final String ALERT_OPERATOR = "alertOperator";
    public static final String HAND_OVER_TO_OPERATOR = "handOverToOperator";

    /** The policy's output names for the three, as the table, the process and the audit trail spell them. */
    public static final List<String> OUTPUTS = List.of(NOTIFY_NEXT_CONTACT, ALERT_OPERATOR, HAND_OVER_TO_OPERATOR);
}
