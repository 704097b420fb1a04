package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.AlarmClassifier;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CallListDirectory;
import com.centralstation.verification.core.port.out.DuplicateVerificationException;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.util.Map;

/**
 * Turns CHeKT's request into one stored verification, classed and with its workflow started. Run it in
 * one transaction: the class, the stored row (unique on the verification UUID) and the process start
 * (with a life-safety alarm's operator task, when the escalation policy hands it over at intake) commit
 * together.
 */
public final class ReceiveVerificationRequest {

    private final VerificationRepository verifications;
    private final CallListDirectory callLists;
    private final AlarmClassifier classifier;
    private final VerificationProcess process;
    private final AuditTrail audit;
    private final Clock clock;

    public ReceiveVerificationRequest(VerificationRepository verifications, CallListDirectory callLists,
                                      AlarmClassifier classifier, VerificationProcess process, AuditTrail audit,
                                      Clock clock) {
        this.verifications = verifications;
        this.callLists = callLists;
        this.classifier = classifier;
        this.process = process;
        this.audit = audit;
        this.clock = clock;
    }

    public Outcome receive(VerificationRequest request) {
        if (verifications.find(request.chekt().verificationId()).isPresent()) {
            return Outcome.DUPLICATE;
        }
        boolean sentWithRequest = !request.contacts().isEmpty();
        CallList callList = sentWithRequest
                ? new CallList(request.contacts())
                : callLists.find(request.chekt().site()).orElse(CallList.empty());
        Verification verification = new Verification(request.chekt(), request.alarm(), callList, clock.instant(),
                classifier.classify(request.alarm()));
        try {
            verifications.add(verification);
        } catch (DuplicateVerificationException concurrentDelivery) {
            return Outcome.DUPLICATE;
        }
        process.start(verification);
        audit.record(new AuditEvent(verification.id(), verification.receivedAt(), AuditEventType.VERIFICATION_RECEIVED,
                "chekt", Map.of(
                        "alarmId", String.valueOf(request.alarm().alarmId()),
                        "trigger", request.alarm().trigger(),
                        "priority", request.alarm().priority(),
                        "alarmClass", verification.alarmClass().code(),
                        "contacts", String.valueOf(callList.size()),
                        "callListSource", sentWithRequest ? "request" : "stored call list")));
        return Outcome.STARTED;
    }

    public enum Outcome {
        STARTED,
        /** The verification was already received; nothing changed. */
        DUPLICATE
    }
}
