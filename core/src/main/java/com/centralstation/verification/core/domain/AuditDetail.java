package com.centralstation.verification.core.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * The keys of an {@link AuditEvent}'s details, as stored. The evidence pack, the policy dry run and the read API
 * read rows back by these keys, and stored rows keep them (their hash covers them), so they are a contract: add
 * keys, never rename one. A {@link AuditEventType#REQUEST_REPAIRED} row's keys are the repaired fields' paths
 * ({@code data.contacts[2]}), and a {@link AuditEventType#POLICY_APPLIED} row's inputs carry
 * {@link #POLICY_INPUT_PREFIX}; everything else is named here.
 */
public final class AuditDetail {

    // who and what
    public static final String CONTACT_ID = "contactId";
    public static final String POSITION = "position";
    public static final String CHANNEL = "channel";
    public static final String ACTION = "action";
    public static final String RESPONDED_AT = "respondedAt";
    public static final String SOURCE = "source";
    public static final String REASON = "reason";
    public static final String NOTE = "note";
    public static final String STATE_BEFORE = "stateBefore";
    public static final String EVENT_ID = "eventId";

    // a request received
    public static final String ALARM_ID = "alarmId";
    public static final String TRIGGER = "trigger";
    public static final String PRIORITY = "priority";
    public static final String ALARM_CLASS = "alarmClass";
    public static final String CONTACTS = "contacts";
    public static final String CALL_LIST_SOURCE = "callListSource";
    public static final String CANCELLED_AT = "cancelledAt";

    // notifications
    public static final String CONTACTS_NOTIFIED = "contactsNotified";
    public static final String PERMANENT = "permanent";
    public static final String OUTCOME = "outcome";
    /** How a contact's notification stands ({@link NotificationDelivery#code()}): {@code unconfirmed} when no channel confirmed it. */
    public static final String DELIVERY = "delivery";

    // phone calls (CALL_PROGRESS, CALL_KEYS, CALL_ENDED; STATUS and OUTCOME as below and above)
    public static final String CALL_SID = "callSid";
    /** The number called, masked as evidence packs show numbers ({@link MaskedAddress}). */
    public static final String TO = "to";
    public static final String SEQUENCE = "sequence";
    public static final String ANSWERED_BY = "answeredBy";
    public static final String DURATION_SECONDS = "durationSeconds";
    /** The question of the call the keys were pressed at ({@code menu}, {@code confirm-dispatch}, ...). */
    public static final String PROMPT = "prompt";
    public static final String DIGITS = "digits";
    /** Every key of the call in order, at the end of it. */
    public static final String KEYS = "keys";
    /** What the end of a call did to the escalation ladder. */
    public static final String NEXT_STEP = "nextStep";

    // decisions
    public static final String REFUSAL = "refusal";
    /** What the deciding contact said they saw ({@link ContactObservation#code()}). */
    public static final String SEEN = "seen";

    // the validation tables' answer (ALARM_VALIDATED)
    public static final String AVS_LEVEL = "avsLevel";
    public static final String AVS_REASON = "avsReason";
    public static final String ECV_REQUIRED = "ecvRequired";
    public static final String ECV_MET = "ecvMet";
    public static final String ECV_REASON = "ecvReason";
    public static final String CONTACTS_TRIED = "contactsTried";
    public static final String ADDRESSES_TRIED = "addressesTried";

    // the escalation policy (POLICY_APPLIED, ESCALATED, OPERATOR_ALERTED, HANDED_OVER_TO_OPERATOR)
    public static final String STEP = "step";
    public static final String POLICY_VERSION = "policyVersion";
    public static final String POLICY_DEFINITION_ID = "policyDefinitionId";
    /** Prefix of a policy input's name in a POLICY_APPLIED row ({@code input.alarmClass}). */
    public static final String POLICY_INPUT_PREFIX = "input.";

    // operator tasks (OPERATOR_TASK_OPENED, OPERATOR_TASK_ASSIGNED, OPERATOR_TASK_CLOSED)
    public static final String TASK_ID = "taskId";
    public static final String TASK = "task";
    /** {@link OperatorTask.Kind#code()}. */
    public static final String TASK_KIND = "kind";
    /** Who holds the task now; empty when it was given back. */
    public static final String ASSIGNEE = "assignee";
    /** How a task ended: {@code completed} or {@code deleted}. */
    public static final String HOW = "how";

    // exchanges with CHeKT
    public static final String TRACE_ID = "traceId";
    public static final String CHEKT_ID = "chektId";
    public static final String STATUS = "status";
    public static final String MESSAGE = "message";
    public static final String ERROR_CODE = "errorCode";
    public static final String REQUEST_ID = "requestId";
    public static final String RETRY_AFTER = "retryAfter";
    public static final String WAIT = "wait";

    private AuditDetail() {
    }

    /** The details of a decision's own row (received or refused): who, what, when and how; the caller may add to them. */
    public static Map<String, String> ofDecision(ContactDecision decision) {
        Map<String, String> details = new HashMap<>();
        details.put(CONTACT_ID, String.valueOf(decision.contactId()));
        details.put(ACTION, decision.action().code());
        details.put(RESPONDED_AT, decision.respondedAt().toString());
        details.put(SOURCE, decision.source().name());
        decision.seen().ifPresent(seen -> details.put(SEEN, seen.code()));
        return details;
    }
}
