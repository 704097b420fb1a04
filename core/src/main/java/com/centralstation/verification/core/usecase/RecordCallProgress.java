package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallOutcome;
import com.centralstation.verification.core.domain.CallReport;
import com.centralstation.verification.core.domain.MaskedAddress;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The voice provider's status callbacks: each call's progress, and how it ended. A call that ends without reaching
 * the contact (busy, no answer, failed, cancelled, a machine, or no confirmed key) makes the contact unreachable for
 * the escalation policy at once, so the next contact is called without waiting for the next timer; but only while
 * the verification is open and that contact is still the one the ladder waits for. Reports arrive late, twice or
 * out of order: one that is not newer than what the call knows changes nothing, audit included. Call it outside any
 * transaction (moving the ladder on correlates into the workflow).
 */
public final class RecordCallProgress {

    /** A call-ended row's {@code nextStep} when the policy is asked at once. */
    public static final String POLICY_ASKED = "policy asked at once";

    private final PhoneCalls calls;
    private final VerificationRepository verifications;
    private final VerificationProcess process;
    private final AuditTrail audit;
    private final VerificationMetrics metrics;

    public RecordCallProgress(PhoneCalls calls, VerificationRepository verifications, VerificationProcess process,
                              AuditTrail audit, VerificationMetrics metrics) {
        this.calls = calls;
        this.verifications = verifications;
        this.process = process;
        this.audit = audit;
        this.metrics = metrics;
    }

    public Progress record(String callId, CallReport report) {
        Optional<PhoneCalls.Change> change = calls.change(callId, call -> call.reported(report));
        if (change.isEmpty()) {
            return Progress.UNKNOWN_CALL;
        }
        if (!change.get().changed()) {
            return Progress.UNCHANGED;
        }
        PhoneCall call = change.get().after();
        Map<String, String> details = details(call);
        details.put(AuditDetail.SEQUENCE, report.sequence().isPresent() ? String.valueOf(report.sequence().getAsInt()) : "none");
        if (!call.isOver()) {
            audit.record(new AuditEvent(call.verificationId(), report.receivedAt(), AuditEventType.CALL_PROGRESS,
                    Actor.VOICE_PROVIDER, details));
            return Progress.RECORDED;
        }
        CallOutcome outcome = call.outcome().orElseThrow();
        call.durationSeconds().ifPresent(seconds -> details.put(AuditDetail.DURATION_SECONDS, String.valueOf(seconds)));
        details.put(AuditDetail.KEYS, call.keysPressed().isEmpty() ? "none" : call.keysPressed());
        details.put(AuditDetail.OUTCOME, outcome.code());
        Optional<String> notMovingOn = outcome.reachedContact() ? Optional.of("none: the contact answered")
                : whyNotMovingOn(call);
        details.put(AuditDetail.NEXT_STEP, notMovingOn.orElse(POLICY_ASKED));
        audit.record(new AuditEvent(call.verificationId(), report.receivedAt(), AuditEventType.CALL_ENDED, Actor.VOICE_PROVIDER,
                details));
        metrics.callEnded(outcome);
        if (notMovingOn.isEmpty()) {
            process.contactUnreachable(call.verificationId(), call.contactId());
        }
        return Progress.ENDED;
    }

    /** Empty when the ladder should move on from this call's contact now; otherwise why not. */
    private Optional<String> whyNotMovingOn(PhoneCall call) {
        Optional<VerificationRecord> record = verifications.find(call.verificationId());
        if (record.isEmpty() || !record.get().state().isOpen()) {
            return Optional.of("none: the verification is no longer open");
        }
        Optional<NotifiedContact> last = record.get().notified().stream().max(Comparator.comparingInt(NotifiedContact::position));
        if (last.isEmpty() || last.get().contactId() != call.contactId() || last.get().position() != call.position()) {
            return Optional.of("none: another contact has been notified since");
        }
        return Optional.empty();
    }

    private static Map<String, String> details(PhoneCall call) {
        Map<String, String> details = new HashMap<>();
        details.put(AuditDetail.CALL_SID, call.callSid().orElse("unknown"));
        details.put(AuditDetail.CONTACT_ID, String.valueOf(call.contactId()));
        details.put(AuditDetail.TO, MaskedAddress.of(call.to()));
        details.put(AuditDetail.STATUS, call.status().code());
        call.answeredBy().ifPresent(who -> details.put(AuditDetail.ANSWERED_BY, who));
        return details;
    }

    public enum Progress {
        /** No call by that id. */
        UNKNOWN_CALL,
        /** A late, repeated or out-of-order report, or one after the call ended: nothing changed. */
        UNCHANGED,
        /** The call moved on (initiated, ringing, answered). */
        RECORDED,
        /** The call is over. */
        ENDED
    }
}
