package com.centralstation.verification.bpmn;

/**
 * The ids of the shipped models that code refers to: the process key, its messages, the decisions it
 * calls and every element of {@code alarm-verification.bpmn}. Code, tests and the benchmark use these
 * constants, never string literals, so renaming an element in Modeler breaks the build (see
 * {@code AlarmVerificationModelIdsTest}) instead of a correlation at run time.
 */
public final class AlarmVerificationModel {

    /** The process definition key; the business key of each instance is the verification UUID. */
    public static final String PROCESS_KEY = "alarm-verification";

    private AlarmVerificationModel() {
    }

    /** Tasks and sub-processes. */
    public static final class Activity {

        public static final String VERIFY_WITH_CONTACTS = "Activity_VerifyWithContacts";
        public static final String NOTIFY_FIRST_CONTACT = "Activity_NotifyFirstContact";
        public static final String AWAIT_CONTACT_DECISION = "Activity_AwaitContactDecision";
        public static final String POLICY_INTAKE = "Activity_PolicyIntake";
        public static final String POLICY_INITIAL = "Activity_PolicyInitial";
        public static final String POLICY_TWO_MINUTES = "Activity_PolicyTwoMinutes";
        public static final String POLICY_FIVE_MINUTES = "Activity_PolicyFiveMinutes";
        public static final String POLICY_TEN_MINUTES = "Activity_PolicyTenMinutes";
        public static final String RECORD_ESCALATION = "Activity_RecordEscalation";
        public static final String OPERATOR_REVIEW = "Activity_OperatorReview";
        public static final String NOTIFY_NEXT_CONTACT = "Activity_NotifyNextContact";
        public static final String POLICY_UNDELIVERED = "Activity_PolicyUndelivered";
        public static final String OPERATOR_ALERT = "Activity_OperatorAlert";
        public static final String ACCEPT_DECISION = "Activity_AcceptDecision";
        public static final String SUBMIT_DECISION = "Activity_SubmitDecision";
        public static final String CLOSE_UNVERIFIED = "Activity_CloseUnverified";
        public static final String CANCELLED_BY_CHEKT = "Activity_CancelledByChekt";
        public static final String DISPATCH_NOT_TAKEN = "Activity_DispatchNotTaken";
        /** "Call the agency: CHeKT has not taken the dispatch": opened at the dispatch deadline while the submission goes on. */
        public static final String DISPATCH_PENDING = "Activity_DispatchPending";

        private Activity() {
        }
    }

    /** Start, end, boundary and message events. */
    public static final class Event {

        public static final String VERIFICATION_REQUESTED = "Event_VerificationRequested";
        public static final String CONTACTS_TO_CALL = "Event_ContactsToCall";
        public static final String CONTACT_DECIDED = "Event_ContactDecided";
        public static final String FIRST_ESCALATION = "Event_FirstEscalation";
        public static final String SECOND_ESCALATION = "Event_SecondEscalation";
        public static final String THIRD_ESCALATION = "Event_ThirdEscalation";
        /** A phone call to the contact notified last ended unanswered (message {@link Message#CONTACT_UNREACHABLE}). */
        public static final String CONTACT_UNREACHABLE = "Event_ContactUnreachable";
        public static final String NO_HAND_OVER = "Event_NoHandOver";
        public static final String OPERATOR_DECIDED = "Event_OperatorDecided";
        public static final String OPERATOR_CLOSED_UNVERIFIED = "Event_OperatorClosedUnverified";
        public static final String NO_CONTACT_NOTIFIED = "Event_NoContactNotified";
        public static final String NEXT_CONTACT_NOTIFIED = "Event_NextContactNotified";
        public static final String NO_ALERT = "Event_NoAlert";
        public static final String ALERT_SEEN = "Event_AlertSeen";
        public static final String CLOSED_UNVERIFIED_CAUGHT = "Event_ClosedUnverifiedCaught";
        public static final String DECISION_SUBMITTED = "Event_DecisionSubmitted";
        public static final String CLOSED_BY_CHEKT = "Event_ClosedByChekt";
        public static final String CLOSED_UNVERIFIED = "Event_ClosedUnverified";
        public static final String CANCEL_RECEIVED = "Event_CancelReceived";
        public static final String VERIFICATION_CANCELLED = "Event_VerificationCancelled";
        public static final String WAIT_FOR_CHEKT = "Event_WaitForChekt";
        public static final String AGENCY_CALLED = "Event_AgencyCalled";
        /** CHeKT refused the dispatch for good after the agency call was asked at the deadline: no second task. */
        public static final String REFUSED_AGENCY_ASKED = "Event_RefusedAgencyAsked";
        public static final String NO_DEADLINE = "Event_NoDeadline";
        /** The dispatch deadline's timer, from the accepted decision. */
        public static final String DISPATCH_DEADLINE = "Event_DispatchDeadline";
        public static final String AGENCY_ALREADY_ASKED = "Event_AgencyAlreadyAsked";
        public static final String PENDING_AGENCY_CALLED = "Event_PendingAgencyCalled";

        private Event() {
        }
    }

    /** Gateways. */
    public static final class Gateway {

        public static final String INTAKE = "Gateway_Intake";
        public static final String START_LADDER = "Gateway_StartLadder";
        public static final String ADVICE_TAKEN = "Gateway_AdviceTaken";
        public static final String ACT_ON_ADVICE = "Gateway_ActOnAdvice";
        public static final String HAND_OVER = "Gateway_HandOver";
        public static final String OPERATOR_OUTCOME = "Gateway_OperatorOutcome";
        public static final String NOTIFY_NEXT = "Gateway_NotifyNext";
        public static final String NOT_DELIVERED = "Gateway_NotDelivered";
        public static final String ALERT_OPERATOR = "Gateway_AlertOperator";
        public static final String CHEKT_ANSWER = "Gateway_ChektAnswer";
        public static final String SUBMIT_AGAIN = "Gateway_SubmitAgain";
        /** Starts the submission and, beside it, the watch of the dispatch deadline. */
        public static final String WATCH_DISPATCH = "Gateway_WatchDispatch";
        public static final String DISPATCH_TO_WATCH = "Gateway_DispatchToWatch";
        public static final String DISPATCH_PENDING = "Gateway_DispatchPending";

        private Gateway() {
        }
    }

    /** Message names, as correlated by the workflow module. */
    public static final class Message {

        public static final String CONTACT_DECISION = "ContactDecisionReceived";
        public static final String VERIFICATION_CANCELLED = "VerificationCancelled";
        /** The contact notified last could not be reached after all: the policy's "undelivered" step runs at once. */
        public static final String CONTACT_UNREACHABLE = "ContactUnreachable";

        private Message() {
        }
    }

    /** Decision keys of the DMN tables the process evaluates. */
    public static final class Decision {

        public static final String ESCALATION_POLICY = "escalationPolicy";
        /** Evaluated by the workflow module at intake, before the process starts (its own file, alarm-class.dmn). */
        public static final String ALARM_CLASS = "alarmClass";
        /** The AVS-01 level of an accepted decision (alarm-validation.dmn). */
        public static final String ALARM_VALIDATION = "alarmValidation";
        /** Whether enhanced call verification was met before a dispatch (alarm-validation.dmn). */
        public static final String ENHANCED_CALL_VERIFICATION = "enhancedCallVerification";

        private Decision() {
        }
    }
}
