package com.centralstation.verification.core.usecase;

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
 * {@value #INPUT}) and advice: the evidence pack shows it, and a policy dry run replays it.
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

    /** The prefix of a policy input's name in a {@link AuditEventType#POLICY_APPLIED} event's details. */
    public static final String INPUT = "input.";

    /**
     * Every row this writes names the policy version that gave the advice.
     *
     * @param inputs the values the escalation policy was evaluated with, by input variable name
     */
    public void record(UUID verificationId, EscalationStep step, EscalationAdvice advice, PolicyVersion policy,
                       Map<String, String> inputs) {
        Map<String, String> details = Map.of(
                "step", step.code(),
                "policyVersion", String.valueOf(policy.version()),
                "policyDefinitionId", policy.definitionId(),
                "notifyNextContact", String.valueOf(advice.notifyNextContact()),
                "alertOperator", String.valueOf(advice.alertOperator()),
                "handOverToOperator", String.valueOf(advice.handOverToOperator()));
        Map<String, String> applied = new HashMap<>(details);
        inputs.forEach((name, value) -> applied.put(INPUT + name, value));
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.POLICY_APPLIED, "engine", applied));
        if (step.isEscalation()) {
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.ESCALATED, "engine", details));
            metrics.escalated(step);
        }
        if (advice.alertOperator()) {
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.OPERATOR_ALERTED, "engine", details));
            metrics.operatorAlerted(step);
        }
        if (advice.handOverToOperator()) {
            audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.HANDED_OVER_TO_OPERATOR, "engine", details));
        }
    }
}
