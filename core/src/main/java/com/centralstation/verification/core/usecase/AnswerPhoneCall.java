package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallScript;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contact's side of a phone call: what they hear when they pick up, and what follows each key they press
 * ({@link CallScript}). A confirmed key is the contact's decision, recorded through {@link RecordDecision} like an
 * answer on the response page, stamped with the moment of the confirming key: the first valid decision wins, and a
 * contact who answers late hears what was decided, never who else decided it. Every key is audited. Call it
 * outside any transaction (deciding correlates into the workflow).
 */
public final class AnswerPhoneCall {

    private final PhoneCalls calls;
    private final VerificationRepository verifications;
    private final RecordDecision recordDecision;
    private final AuditTrail audit;
    private final Clock clock;

    public AnswerPhoneCall(PhoneCalls calls, VerificationRepository verifications, RecordDecision recordDecision,
                           AuditTrail audit, Clock clock) {
        this.calls = calls;
        this.verifications = verifications;
        this.recordDecision = recordDecision;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Someone picked up: the alarm and the menu, or nothing at all for an answering machine (the alarm is not left
     * on a voicemail; the call then ends unanswered and the ladder moves on). Empty for a call the station does not
     * know.
     */
    public Optional<Reply> answered(String callId, String callSid, Optional<String> answeredBy) {
        Optional<PhoneCall> found = calls.change(callId, call -> call.isCall(callSid)
                        ? call.placed(callSid).answeredBy(answeredBy) : call)
                .map(PhoneCalls.Change::after).filter(call -> call.isCall(callSid));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PhoneCall call = found.get();
        VerificationRecord record = verification(call);
        if (!record.state().isOpen()) {
            return Optional.of(new Reply(record, call, ended(record, call), Optional.empty()));
        }
        if (answeredBy.filter(PhoneCall::isMachine).isPresent()) {
            return Optional.of(new Reply(record, call, new CallScript.End(List.of()), Optional.empty()));
        }
        return Optional.of(new Reply(record, call, CallScript.opening(), Optional.empty()));
    }

    /**
     * The contact pressed {@code digits} (empty: nothing before the question timed out) at {@code step}. Empty for a
     * call the station does not know.
     */
    public Optional<Reply> pressed(String callId, String callSid, CallScript.Step step, String digits) {
        PhoneCall.KeyPress press = new PhoneCall.KeyPress(step.label(), digits, clock.instant());
        Optional<PhoneCall> found = calls.change(callId, call -> call.isCall(callSid) ? call.placed(callSid).pressed(press) : call)
                .map(PhoneCalls.Change::after).filter(call -> call.isCall(callSid));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PhoneCall call = found.get();
        audit.record(new AuditEvent(call.verificationId(), press.at(), AuditEventType.CALL_KEYS,
                Actor.contact(call.contactId()), Map.of(AuditDetail.CALL_SID, callSid,
                AuditDetail.CONTACT_ID, String.valueOf(call.contactId()), AuditDetail.PROMPT, press.prompt(),
                AuditDetail.DIGITS, press.digits().isEmpty() ? "none" : press.digits())));
        VerificationRecord record = verification(call);
        if (!record.state().isOpen()) {
            return Optional.of(new Reply(record, call, ended(record, call), Optional.empty()));
        }
        CallScript.Turn turn = CallScript.after(step, press.digits());
        if (turn instanceof CallScript.Decide decide) {
            return Optional.of(decide(call, decide.action(), press.at()));
        }
        return Optional.of(new Reply(record, call, turn, Optional.empty()));
    }

    private Reply decide(PhoneCall call, VerificationAction action, Instant respondedAt) {
        RecordDecision.Outcome outcome;
        try {
            outcome = recordDecision.record(call.verificationId(),
                    new ContactDecision(call.contactId(), action, respondedAt, DecisionSource.PHONE_CALL));
        } catch (RuntimeException failure) {
            // Nothing was recorded (the engine or the database failed on the way): the contact may press 1 again.
            return askAgain(call, action, Optional.of(failure));
        }
        if (outcome == RecordDecision.Outcome.NOT_YET_WAITING) {
            // Nothing was decided: the verification still sends its first notification. The contact may press 1 again.
            return askAgain(call, action, Optional.empty());
        }
        PhoneCall answered = call;
        if (outcome == RecordDecision.Outcome.ACCEPTED || outcome == RecordDecision.Outcome.ALREADY_DECIDED
                || outcome == RecordDecision.Outcome.CLOSED) {
            answered = calls.change(call.callId(), c -> c.confirmedAs(action)).map(PhoneCalls.Change::after).orElse(call);
        }
        VerificationRecord record = verification(call);
        CallScript.Cue cue = switch (outcome) {
            case ACCEPTED -> CallScript.Cue.ACCEPTED;
            case ALREADY_DECIDED, CLOSED -> decidedOrClosed(record, call);
            case UNKNOWN_VERIFICATION, CONTACT_NOT_ON_CALL_LIST, CONTACT_NOT_NOTIFIED, RESPONDED_IN_FUTURE,
                 RESPONDED_BEFORE_ALARM, NOT_YET_WAITING -> CallScript.Cue.NOT_TAKEN;
        };
        return new Reply(record, answered, new CallScript.End(List.of(cue)), Optional.empty());
    }

    private Reply askAgain(PhoneCall call, VerificationAction action, Optional<RuntimeException> failure) {
        return new Reply(verification(call), call, new CallScript.Ask(List.of(CallScript.Cue.NOT_RECORDED),
                new CallScript.Confirm(action, 1)), failure);
    }

    private static CallScript.End ended(VerificationRecord record, PhoneCall call) {
        return new CallScript.End(List.of(decidedOrClosed(record, call)));
    }

    /** What a contact hears once the verification is no longer open: what was decided, and whether it was them. */
    private static CallScript.Cue decidedOrClosed(VerificationRecord record, PhoneCall call) {
        if (record.state() != VerificationState.DECIDED && record.state() != VerificationState.SUBMITTED) {
            return CallScript.Cue.CLOSED;
        }
        return record.decision().filter(decision -> decision.contactId() == call.contactId()).isPresent()
                ? CallScript.Cue.DECIDED_BY_YOU : CallScript.Cue.DECIDED_BY_ANOTHER;
    }

    private VerificationRecord verification(PhoneCall call) {
        return verifications.find(call.verificationId())
                .orElseThrow(() -> new IllegalStateException("call " + call.callId() + " names no verification"));
    }

    /**
     * What the call does next.
     *
     * @param verification the verification as it stands now (its alarm for the words, its decision for a late caller)
     * @param turn an {@link CallScript.Ask} or an {@link CallScript.End}
     * @param failure why a confirmed answer could not be recorded, when it could not
     */
    public record Reply(VerificationRecord verification, PhoneCall call, CallScript.Turn turn,
                        Optional<RuntimeException> failure) {
    }
}
