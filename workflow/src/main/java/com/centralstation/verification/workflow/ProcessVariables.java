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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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
    public static final String CONTACTS_NOTIFIED = "contactsNotified";
    public static final String CONTACTS_LEFT = "contactsLeft";
    public static final String CALL_LIST_CONTACT_IDS = "callListContactIds";
    public static final String CALL_LIST_SUMMARY = "callListSummary";
    public static final String ALARM_SUMMARY = "alarmSummary";
    /** True once the operator task exists; the guard that keeps it to one per verification. */
    public static final String OPERATOR_REVIEWING = "operatorReviewing";

    // written by the notification step
    public static final String LAST_NOTIFIED_CONTACT_ID = "lastNotifiedContactId";

    // written by each business rule task from the escalation policy's outputs
    public static final String ESCALATION_STEP = "escalationStep";
    public static final String NOTIFY_NEXT_CONTACT = "notifyNextContact";
    public static final String ALERT_OPERATOR = "alertOperator";
    public static final String HAND_OVER_TO_OPERATOR = "handOverToOperator";
    /**
     * The variables the escalation policy's table reads, recorded with each step so the step can be
     * replayed against a candidate table (policy dry run). A new policy input belongs here too.
     */
    public static final List<String> ESCALATION_POLICY_INPUTS = List.of(ESCALATION_STEP, TRIGGER, PRIORITY,
            CONTACTS_NOTIFIED, CONTACTS_LEFT);

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
    public static final String CLOSED_UNVERIFIED = "closedUnverified";
    public static final String CANCEL_REASON = "cancelReason";

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
        variables.put(CONTACTS_NOTIFIED, 0);
        variables.put(CONTACTS_LEFT, callList.size());
        variables.put(CALL_LIST_CONTACT_IDS, callList.contacts().stream()
                .map(c -> String.valueOf(c.contactId())).collect(Collectors.joining(",")));
        variables.put(CALL_LIST_SUMMARY, callListSummary(callList));
        variables.put(ALARM_SUMMARY, alarmSummary(verification));
        variables.put(OPERATOR_REVIEWING, false);
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

    private static String alarmSummary(Verification verification) {
        Alarm alarm = verification.alarm();
        StringBuilder summary = new StringBuilder(alarm.trigger()).append(" alarm, priority ").append(alarm.priority());
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
