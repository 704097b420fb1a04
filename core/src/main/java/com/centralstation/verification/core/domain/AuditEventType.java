package com.centralstation.verification.core.domain;

/** The steps of a verification that the audit trail records. */
public enum AuditEventType {
    VERIFICATION_RECEIVED,
    DUPLICATE_DELIVERY,
    CONTACT_NOTIFIED,
    NOTIFICATION_FAILED,
    /** A notification channel refused our credentials or configuration, or its failures outlasted the attempts: an alert. */
    CHANNEL_DOWN,
    NO_CONTACT_LEFT,
    ESCALATED,
    OPERATOR_ALERTED,
    HANDED_OVER_TO_OPERATOR,
    DECISION_RECEIVED,
    DECISION_REFUSED,
    DECISION_SUBMITTED,
    SUBMISSION_FAILED,
    CLOSED_BY_CHEKT,
    CLOSED_UNVERIFIED,
    CANCELLED
}
