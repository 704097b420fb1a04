package com.centralstation.verification.core.domain;

/** The steps of a verification that the audit trail records. */
public enum AuditEventType {
    VERIFICATION_RECEIVED,
    DUPLICATE_DELIVERY,
    CONTACT_NOTIFIED,
    /** The voice provider reported a call's progress (initiated, ringing, answered), with its sequence number. */
    CALL_PROGRESS,
    /** The contact pressed keys (or none) at a question of a call. */
    CALL_KEYS,
    /** A call is over: its final status, who answered, duration, keys and what it meant for the ladder. */
    CALL_ENDED,
    NOTIFICATION_FAILED,
    /** A notification channel refused our credentials or configuration, or its failures outlasted the attempts: an alert. */
    CHANNEL_DOWN,
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
    /** CHeKT answered 429 or 503 with a time to come back: the submission waits that long, no retry spent. */
    SUBMISSION_DEFERRED,
    DISPATCH_NOT_TAKEN,
    /**
     * CHeKT took a DISPATCH after the dispatch deadline, once an operator had been asked to call the agency; that
     * operator task was closed. Recorded beside {@link #DECISION_SUBMITTED}.
     */
    DISPATCH_TAKEN_LATE,
    /** The operator completed "CHeKT did not take the dispatch" after calling the responding agency. */
    AGENCY_CALLED,
    CLOSED_BY_CHEKT,
    CLOSED_UNVERIFIED,
    CANCELLED,
    CANCELLED_BY_SUPERVISOR,
    /** An operator task (review, alert, agency call) opened in Tasklist; details name the task and its kind. */
    OPERATOR_TASK_OPENED,
    /** Someone took an operator task (claim, assignment) or gave it back; details name the new holder, if any. */
    OPERATOR_TASK_ASSIGNED,
    /** An operator task ended: completed, or deleted with its process (a decision, a cancellation). */
    OPERATOR_TASK_CLOSED,
    /** The request was readable only after repairs (a contact entry dropped, text cut); details name each field. */
    REQUEST_REPAIRED
}
