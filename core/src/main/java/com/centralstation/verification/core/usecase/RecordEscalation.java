package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.EscalationAdvice;
import com.centralstation.verification.core.domain.EscalationStep;
import com.centralstation.verification.core.domain.PolicyVersion;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.VerificationMetrics;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes down what the escalation policy decided at a step, so a supervisor can follow the ladder.
 * Every step leaves a {@link AuditEventType#POLICY_APPLIED} event with the policy's inputs (prefixed
 * {@value AuditDetail#POLICY_INPUT_PREFIX}) and advice: the evidence pack shows it, and a policy dry run replays it.
 */
public final class RecordEscalation {

    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;

    public RecordEscalation(AuditTrail audit, VerificationMetrics metrics, Clock clock) {
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Every row this writes names the policy version that gave the advice.
     *
     * @param inputs the values the escalation policy was evaluated with, by input variable name
     */
    public void record(UUID verificationId, EscalationStep step, EscalationAdvice advice, PolicyVersion policy,
                       Map<String, String> inputs) {
        Map<String, String> details = Map.of(
                AuditDetail.STEP, step.code(),
                AuditDetail.POLICY_VERSION, String.valueOf(policy.version()),
                AuditDetail.POLICY_DEFINITION_ID, policy.definitionId(),
                EscalationAdvice.NOTIFY_NEXT_CONTACT, String.valueOf(advice.notifyNextContact()),
                EscalationAdvice.ALERT_OPERATOR, String.valueOf(advice.alertOperator()),
                EscalationAdvice.HAND_OVER_TO_OPERATOR, String.valueOf(advice.handOverToOperator()));
        Map<String, String> applied = new HashMap<>(details);
        inputs.forEach((name, value) -> applied.put(AuditDetail.POLICY_INPUT_PREFIX + name, value));
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.POLICY_APPLIED, Actor.ENGINE, applied));
        if (step.isEscalation()) {
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.ESCALATED, Actor.ENGINE, details));
            metrics.escalated(step);
        }
        if (advice.alertOperator()) {
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.OPERATOR_ALERTED, Actor.ENGINE, details));
            metrics.operatorAlerted(step);
        }
        if (advice.handOverToOperator()) {
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.HANDED_OVER_TO_OPERATOR, Actor.ENGINE, details));
        }
    }
}
