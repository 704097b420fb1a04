package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.EscalationAdvice;
import com.centralstation.verification.core.domain.PolicyStep;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CandidatePolicies;
import com.centralstation.verification.core.port.out.CandidatePolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Replays the recorded escalation steps against a candidate escalation policy, before an analyst deploys
 * it: which steps of which verifications would have been advised differently, and how often each rule
 * answered. Reads the audit trail only; nothing is deployed and nothing is written.
 */
public final class DryRunPolicy {

    private final CandidatePolicies policies;
    private final AuditTrail audit;
    private final Clock clock;

    public DryRunPolicy(CandidatePolicies policies, AuditTrail audit, Clock clock) {
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
    }

    /** Which past steps to replay: those of the last {@code days} days, or of the latest {@code verifications} verifications. */
    public record Window(Integer days, Integer verifications) {

        public static Window lastDays(int days) {
            return new Window(days, null);
        }

        public static Window latestVerifications(int verifications) {
            return new Window(null, verifications);
        }
    }

    /** One step whose advice the candidate changes. */
    public record ChangedStep(UUID verificationId, Instant at, String step, Map<String, String> inputs,
                              Map<String, String> recordedAdvice, Map<String, String> candidateAdvice, String candidateRule) {
    }

    public record Report(int verificationsReplayed, int stepsReplayed, List<ChangedStep> changed,
                         Map<String, Integer> ruleHits) {

        /** The verifications with at least one changed step, in the order first met. */
        public List<UUID> affectedVerifications() {
            return changed.stream().map(ChangedStep::verificationId).distinct().toList();
        }
    }

    /** @throws com.centralstation.verification.core.port.out.IncompatiblePolicyException naming why the candidate cannot run */
    public Report dryRun(byte[] dmn, Window window) {
        CandidatePolicy candidate = policies.read(dmn);
        List<AuditEvent> steps = window.days() != null
                ? audit.ofTypeSince(AuditEventType.POLICY_APPLIED, clock.instant().minus(Duration.ofDays(window.days())))
                : audit.ofTypeForLatestVerifications(AuditEventType.POLICY_APPLIED, Objects.requireNonNull(window.verifications()));
        Map<String, Integer> hits = new LinkedHashMap<>();
        candidate.ruleIds().forEach(rule -> hits.put(rule, 0));
        List<ChangedStep> changed = new ArrayList<>();
        Set<UUID> verifications = new HashSet<>();
        for (AuditEvent event : steps) {
            verifications.add(event.verificationId());
            PolicyStep step = PolicyStep.from(event);
            Map<String, String> recorded = new LinkedHashMap<>();
            EscalationAdvice.OUTPUTS.forEach(name -> recorded.put(name, step.advice().get(name)));
            CandidatePolicy.Answer answer = candidate.evaluate(step.inputs());
            answer.rule().ifPresent(rule -> hits.merge(rule, 1, Integer::sum));
            Map<String, String> proposed = new LinkedHashMap<>();
            EscalationAdvice.OUTPUTS.forEach(name -> proposed.put(name, answer.advice().get(name)));
            if (!proposed.equals(recorded)) {
                changed.add(new ChangedStep(event.verificationId(), event.at(), step.step(), step.inputs(), recorded,
                        proposed, answer.rule().orElse(null)));
            }
        }
        return new Report(verifications.size(), steps.size(), changed, hits);
    }
}
