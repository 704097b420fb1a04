package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One answer of the escalation policy, read back from its {@link AuditEventType#POLICY_APPLIED} row: what the
 * evidence pack shows and what a policy dry run replays.
 *
 * @param step          the step's code ({@link EscalationStep#code()}); empty when the row names none
 * @param inputs        the values the table was evaluated with, by input name, in name order
 * @param advice        the table's outputs ({@link EscalationAdvice#OUTPUTS}) as recorded, in name order
 * @param policyVersion the deployed version of the table that answered, where it was recorded
 */
public record PolicyStep(Instant at, String step, Map<String, String> inputs, Map<String, String> advice,
                         Optional<String> policyVersion) {

    public PolicyStep {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        advice = Collections.unmodifiableMap(new LinkedHashMap<>(advice));
    }

    /** @throws IllegalArgumentException when the event is not a POLICY_APPLIED row */
    public static PolicyStep from(AuditEvent event) {
        if (event.type() != AuditEventType.POLICY_APPLIED) {
            throw new IllegalArgumentException("a policy step is read from a POLICY_APPLIED event, not " + event.type());
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        Map<String, String> advice = new LinkedHashMap<>();
        event.details().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (entry.getKey().startsWith(AuditDetail.POLICY_INPUT_PREFIX)) {
                inputs.put(entry.getKey().substring(AuditDetail.POLICY_INPUT_PREFIX.length()), entry.getValue());
            } else if (EscalationAdvice.OUTPUTS.contains(entry.getKey())) {
                advice.put(entry.getKey(), entry.getValue());
            }
        });
        return new PolicyStep(event.at(), event.details().getOrDefault(AuditDetail.STEP, ""), inputs, advice,
                Optional.ofNullable(event.details().get(AuditDetail.POLICY_VERSION)));
    }
}
