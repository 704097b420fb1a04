package com.centralstation.verification.core.domain;

/** The steps of a verification that the audit trail records. */
public enum AuditEventType {
    VERIFICATION_RECEIVED,
    DUPLICATE_DELIVERY,
    CONTACT_NOTIFIED,
    NOTIFICATION_FAILED,
    NO_CONTACT_LEFT,
    /** The escalation policy answered at a step: its inputs and its advice, whatever the advice was. */
    POLICY_APPLIED,
    ESCALATED,
    OPERATOR_ALERTED,
    HANDED_OVER_TO_OPERATOR,
    DECISION_RECEIVED,
    DECISION_REFUSED,
    /** The validation tables scored the accepted decision: AVS-01 level and ECV, with their reasons. */
    ALARM_VALIDATED,
    DECISION_SUBMITTED,
    SUBMISSION_FAILED,
    CLOSED_BY_CHEKT,
    CLOSED_UNVERIFIED,
    CANCELLED
}
