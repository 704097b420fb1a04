package com.centralstation.verification.workflow;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactObservation;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationAction;
import org.camunda.bpm.engine.delegate.VariableScope;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The process variables the model and the code share (element, message and decision ids are in
 * {@link com.centralstation.verification.bpmn.AlarmVerificationModel}), with the conversions between domain values and the plain types the engine stores (so
 * Cockpit shows readable values and no Java serialization is needed).
 */
public final class ProcessVariables {


    // set at start: the policy's inputs and what the operator's form shows
    public static final String TRIGGER = "trigger";
    public static final String PRIORITY = "priority";
    /** The alarm's class code (life-safety, high, normal): an input of the escalation policy, shown in Cockpit and Tasklist. */
    public static final String ALARM_CLASS = "alarmClass";
    /** The class's job priority band ({@link ClassPriorities}); the model's jobPriority expressions add their step to it. */
    public static final String CLASS_JOB_PRIORITY = "classJobPriority";
    /** The operator task's priority for the class ({@link ClassPriorities}). */
    public static final String CLASS_TASK_PRIORITY = "classTaskPriority";
    public static final String CONTACTS_NOTIFIED = "contactsNotified";
    public static final String CONTACTS_LEFT = "contactsLeft";
    public static final String CALL_LIST_CONTACT_IDS = "callListContactIds";
    public static final String CALL_LIST_SUMMARY = "callListSummary";
    public static final String ALARM_SUMMARY = "alarmSummary";
    /** What every user task's name starts with (engine.OperatorTaskTitles): trigger, class, site and location. */
    public static final String TASK_TITLE = "taskTitle";
    /** When the alarm occurred (or, when CHeKT sent no time, was received), UTC, for the tasks' descriptions. */
    public static final String ALARM_TIME = "alarmTime";
    /** True while an "Operator alert" task is open; the guard that keeps it to one open alert per verification. */
    public static final String OPERATOR_ALERTED = "operatorAlerted";
    /** True once the operator task exists; the guard that keeps it to one per verification. */
    public static final String OPERATOR_REVIEWING = "operatorReviewing";

    // written by the notification step
    public static final String LAST_NOTIFIED_CONTACT_ID = "lastNotifiedContactId";
    /** How the last notification ended (the escalation policy's "Notification outcome" input). */
    public static final String NOTIFICATION_OUTCOME = "notificationOutcome";
    /** {@link #NOTIFICATION_OUTCOME} when nobody was called: no contact left, or the verification ended. */
    public static final String NOBODY_NOTIFIED = "none";

    // written by each business rule task from the escalation policy's outputs
    public static final String ESCALATION_STEP = "escalationStep";
    public static final String NOTIFY_NEXT_CONTACT = "notifyNextContact";
    public static final String ALERT_OPERATOR = "alertOperator";
    public static final String HAND_OVER_TO_OPERATOR = "handOverToOperator";
    /** Which deployed version of the escalation policy gave that advice (engine.PolicyVersionRecorder). */
    public static final String ESCALATION_POLICY_VERSION = "escalationPolicyVersion";
    public static final String ESCALATION_POLICY_DEFINITION_ID = "escalationPolicyDefinitionId";
    /**
     * The variables the escalation policy's table reads, recorded with each step so the step can be
     * replayed against a candidate table (policy dry run). A new policy input belongs here too.
     */
    public static final List<String> ESCALATION_POLICY_INPUTS = List.of(ESCALATION_STEP, TRIGGER, PRIORITY,
            CONTACTS_NOTIFIED, CONTACTS_LEFT, ALARM_CLASS, NOTIFICATION_OUTCOME);

    // the decision, from the ContactDecisionReceived message or the operator's task
    public static final String CONTACT_ID = "contactId";
    public static final String ACTION = "action";
    public static final String RESPONDED_AT = "respondedAt";
    public static final String SOURCE = "source";
    /** What the deciding contact saw (a ContactObservation code), when they said. */
    public static final String SEEN = "seen";
    // written when the decision is accepted: the validation tables' answer, shown in the operator's form
    public static final String AVS_LEVEL = "avsLevel";
    public static final String AVS_REASON = "avsReason";
    public static final String ECV_MET = "ecvMet";
    public static final String ECV_SUMMARY = "ecvSummary";
    public static final String RESPONSE_TIME = "responseTime";

    // the operator's form (operator-review.form)
    public static final String OPERATOR_OUTCOME = "operatorOutcome";
    public static final String OPERATOR_CONTACT_ID = "operatorContactId";
    public static final String OPERATOR_NOTE = "operatorNote";
    public static final String OPERATOR_ID = "operatorId";
    public static final String OUTCOME_CLOSE_UNVERIFIED = "close-unverified";

    public static final String SUBMISSION_OUTCOME = "submissionOutcome";
    /** How long "Wait as asked" waits (ISO-8601), when CHeKT or this node's rate limit asked the submission to wait. */
    public static final String CHEKT_WAIT = "chektWait";
    /** How many times a 503 has made the submission wait so far. */
    public static final String CHEKT_UNAVAILABLE_WAITS = "chektUnavailableWaits";
    /** How many times CHeKT (429 or 503) has made the submission wait so far: the floor under the next wait grows with it. */
    public static final String CHEKT_WAITS = "chektWaits";
    /**
     * True once an operator task asks for the agency call (the dispatch deadline passed, or CHeKT refused the dispatch):
     * the guard that keeps it to one such task, and what makes a later acceptance "taken late". Set by the model.
     */
    public static final String AGENCY_CALL_ASKED = "agencyCallAsked";

    // CHeKT's answer to a dispatch it did not take (or its last answer that asked to wait), for the operator's form
    // (dispatch-not-taken.form)
    public static final String CHEKT_STATUS = "chektStatus";
    public static final String CHEKT_ERROR_CODE = "chektErrorCode";
    public static final String CHEKT_MESSAGE = "chektMessage";
    public static final String CHEKT_REQUEST_ID = "chektRequestId";
    public static final String AGENCY_NOTE = "agencyNote";

    public static final String CLOSED_UNVERIFIED = "closedUnverified";
    public static final String CANCEL_REASON = "cancelReason";

    private static final DateTimeFormatter ALARM_TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ProcessVariables() {
    }

    /** The verification a process instance belongs to: its business key. */
    public static UUID verificationId(String businessKey) {
        if (businessKey == null) {
            throw new IllegalStateException("process instance has no business key; it must be the verification UUID");
        }
        return UUID.fromString(businessKey);
    }

    public static Map<String, Object> atStart(Verification verification) {
        Map<String, Object> variables = new HashMap<>();
        CallList callList = verification.callList();
        variables.put(TRIGGER, verification.alarm().trigger());
        variables.put(PRIORITY, verification.alarm().priority());
        variables.put(ALARM_CLASS, verification.alarmClass().code());
        variables.put(CLASS_JOB_PRIORITY, ClassPriorities.jobPriorityBand(verification.alarmClass()));
        variables.put(CLASS_TASK_PRIORITY, ClassPriorities.taskPriority(verification.alarmClass()));
        variables.put(CONTACTS_NOTIFIED, 0);
        variables.put(CONTACTS_LEFT, callList.size());
        variables.put(CALL_LIST_CONTACT_IDS, callList.contacts().stream()
                .map(c -> String.valueOf(c.contactId())).collect(Collectors.joining(",")));
        variables.put(CALL_LIST_SUMMARY, callListSummary(callList));
        variables.put(ALARM_SUMMARY, alarmSummary(verification));
        variables.put(OPERATOR_REVIEWING, false);
        variables.put(OPERATOR_ALERTED, false);
        variables.put(TASK_TITLE, taskTitle(verification));
        variables.put(ALARM_TIME, utcTime(verification.alarm().occurredAt() != null
                ? verification.alarm().occurredAt() : verification.receivedAt()));
        return variables;
    }

    public static Map<String, Object> of(ContactDecision decision) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CONTACT_ID, decision.contactId());
        variables.put(ACTION, decision.action().code());
        variables.put(RESPONDED_AT, decision.respondedAt().toString());
        variables.put(SOURCE, decision.source().name());
        decision.seen().ifPresent(seen -> variables.put(SEEN, seen.code()));
        return variables;
    }

    public static ContactDecision decision(VariableScope scope) {
        long contactId = ((Number) required(scope, CONTACT_ID)).longValue();
        String code = (String) required(scope, ACTION);
        VerificationAction action = VerificationAction.fromCode(code)
                .orElseThrow(() -> new IllegalStateException("unknown action '" + code + "'"));
        Instant respondedAt = Instant.parse((String) required(scope, RESPONDED_AT));
        DecisionSource source = DecisionSource.valueOf((String) required(scope, SOURCE));
        Optional<ContactObservation> seen = Optional.ofNullable(scope.getVariable(SEEN)).map(Object::toString)
                .flatMap(ContactObservation::fromCode);
        return new ContactDecision(contactId, action, respondedAt, source, seen);
    }

    public static Set<Long> callListContactIds(VariableScope scope) {
        String ids = (String) scope.getVariable(CALL_LIST_CONTACT_IDS);
        if (ids == null || ids.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(ids.split(",")).map(String::strip).map(Long::valueOf).collect(Collectors.toSet());
    }

    public static boolean flag(VariableScope scope, String name) {
        return Boolean.TRUE.equals(required(scope, name));
    }

    public static Object required(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            throw new IllegalStateException("process variable '" + name + "' is missing");
        }
        return value;
    }

    private static String callListSummary(CallList callList) {
        if (callList.isEmpty()) {
            return "No contacts on the call list.";
        }
        return IntStream.range(0, callList.size())
                .mapToObj(i -> (i + 1) + ". " + describe(callList.contacts().get(i)))
                .collect(Collectors.joining("\n"));
    }

    private static String describe(Contact contact) {
        StringBuilder line = new StringBuilder(contact.displayName()).append(" (contact id ").append(contact.contactId()).append(")");
        if (contact.phoneNumber() != null) {
            line.append(", phone ").append(contact.phoneNumber());
        }
        if (contact.email() != null) {
            line.append(", ").append(contact.email());
        }
        return line.toString();
    }

    /** A time as the operator's tasks show it: "2026-12-07 03:12:05 UTC". */
    public static String utcTime(Instant instant) {
        return ALARM_TIME_FORMAT.format(instant);
    }

    /** "FIRE (high) · Site 12 · Loading Bay 5": what an operator scans a task list by. */
    static String taskTitle(Verification verification) {
        Alarm alarm = verification.alarm();
        StringBuilder title = new StringBuilder(alarm.trigger().toUpperCase(Locale.ROOT)).append(" (")
                .append(verification.alarmClass().code()).append(")").append(" · Site ").append(verification.site().siteId());
        if (alarm.location() != null && !alarm.location().isBlank()) {
            title.append(" · ").append(alarm.location().strip());
        }
        return title.toString();
    }

    private static String alarmSummary(Verification verification) {
        Alarm alarm = verification.alarm();
        StringBuilder summary = new StringBuilder(alarm.trigger()).append(" alarm, priority ").append(alarm.priority())
                .append(", class ").append(verification.alarmClass().code());
        if (alarm.location() != null) {
            summary.append(", at ").append(alarm.location());
        }
        summary.append("\nSite ").append(verification.site()).append(", CHeKT alarm verification ")
                .append(verification.chekt().alarmVerificationId());
        if (alarm.occurredAt() != null) {
            summary.append("\nOccurred at ").append(alarm.occurredAt());
        }
        if (alarm.snapshotUrl() != null) {
            summary.append("\nSnapshot: ").append(alarm.snapshotUrl());
        }
        return summary.toString();
    }
}
