package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.EscalationAdvice;
import com.centralstation.verification.core.domain.EscalationStep;
import com.centralstation.verification.core.domain.PolicyVersion;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.VerificationMetrics;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Writes down what the escalation policy decided at a step, so a supervisor can follow the ladder. */
public final class RecordEscalation {

    private final AuditTrail audit;
    private final VerificationMetrics metrics;
    private final Clock clock;

    public RecordEscalation(AuditTrail audit, VerificationMetrics metrics, Clock clock) {
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Every row this writes names the policy version that gave the advice. */
    public void record(UUID verificationId, EscalationStep step, EscalationAdvice advice, PolicyVersion policy) {
        Map<String, String> details = Map.of(
                "step", step.code(),
                "policyVersion", String.valueOf(policy.version()),
                "policyDefinitionId", policy.definitionId(),
                "notifyNextContact", String.valueOf(advice.notifyNextContact()),
                "alertOperator", String.valueOf(advice.alertOperator()),
                "handOverToOperator", String.valueOf(advice.handOverToOperator()));
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
