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
import java.util.function.Consumer;

/**
 * Replays the recorded escalation steps against a candidate escalation policy, before an analyst deploys
 * it: which steps of which verifications would have been advised differently, and how often each rule
 * answered. Reads the audit trail only; nothing is deployed and nothing is written.
 *
 * <p>Memory stays bounded however long the window: the steps stream past one at a time, newest first, and at most
 * {@code maxSteps} of them; what is kept is the totals, the rule hits, the ids of the verifications met (to count
 * them) and one page of changed steps. The candidate answers each distinct set of inputs once (recorded inputs
 * repeat: a few hundred combinations answer a year of alarms).
 */
public final class DryRunPolicy {

    /** Distinct input sets whose answers are kept; beyond it, the oldest is answered again when it comes back. */
    static final int REMEMBERED_ANSWERS = 10_000;

    private final CandidatePolicies policies;
    private final AuditTrail audit;
    private final Clock clock;
    private final int maxSteps;

    /** @param maxSteps the most recorded steps one dry run replays */
    public DryRunPolicy(CandidatePolicies policies, AuditTrail audit, Clock clock, int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be positive");
        }
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
        this.maxSteps = maxSteps;
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

    /** Which of the changed steps, newest first, the report lists: page {@code number} (from 0) of {@code size}. */
    public record Page(int number, int size) {

        public Page {
            if (number < 0 || size < 1) {
                throw new IllegalArgumentException("a page has a number from 0 and a size from 1");
            }
        }

        boolean holds(long index) {
            return index >= (long) number * size && index < (long) (number + 1) * size;
        }
    }

    /** One step whose advice the candidate changes. */
    public record ChangedStep(UUID verificationId, Instant at, String step, Map<String, String> inputs,
                              Map<String, String> recordedAdvice, Map<String, String> candidateAdvice, String candidateRule) {
    }

    /**
     * @param complete false when the window held more than the most steps a dry run replays: the newest were replayed
     * @param changedOnPage the changed steps of the page asked for, newest first
     */
    public record Report(boolean complete, int verificationsReplayed, int stepsReplayed, int stepsChanged,
                         int verificationsAffected, Page page, List<ChangedStep> changedOnPage, Map<String, Integer> ruleHits) {

        /** The verifications of the page's changed steps, in the order first met. */
        public List<UUID> affectedVerificationsOnPage() {
            return changedOnPage.stream().map(ChangedStep::verificationId).distinct().toList();
        }
    }

    /** @throws com.centralstation.verification.core.port.out.IncompatiblePolicyException naming why the candidate cannot run */
    public Report dryRun(byte[] dmn, Window window, Page page) {
        Replay replay = new Replay(policies.read(dmn), page);
        // one more than may be replayed: whether the window held more
        int handed = window.days() != null
                ? audit.eachOfTypeSince(AuditEventType.POLICY_APPLIED, clock.instant().minus(Duration.ofDays(window.days())),
                maxSteps + 1, replay)
                : audit.eachOfTypeForLatestVerifications(AuditEventType.POLICY_APPLIED,
                Objects.requireNonNull(window.verifications()), maxSteps + 1, replay);
        return replay.report(handed <= maxSteps);
    }

    /** One dry run's running totals. */
    private final class Replay implements Consumer<AuditEvent> {

        private final CandidatePolicy candidate;
        private final Page page;
        private final Map<String, Integer> hits = new LinkedHashMap<>();
        private final Map<Map<String, String>, CandidatePolicy.Answer> answers = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Map<String, String>, CandidatePolicy.Answer> eldest) {
                return size() > REMEMBERED_ANSWERS;
            }
        };
        private final Set<UUID> verifications = new HashSet<>();
        private final Set<UUID> affected = new HashSet<>();
        private final List<ChangedStep> changedOnPage = new ArrayList<>();
        private int steps;
        private int changed;

        Replay(CandidatePolicy candidate, Page page) {
            this.candidate = candidate;
            this.page = page;
            candidate.ruleIds().forEach(rule -> hits.put(rule, 0));
        }

        @Override
        public void accept(AuditEvent event) {
            if (steps == maxSteps) {
                return;
            }
            steps++;
            verifications.add(event.verificationId());
            PolicyStep step = PolicyStep.from(event);
            Map<String, String> recorded = new LinkedHashMap<>();
            EscalationAdvice.OUTPUTS.forEach(name -> recorded.put(name, step.advice().get(name)));
            CandidatePolicy.Answer answer = answers.computeIfAbsent(step.inputs(), candidate::evaluate);
            answer.rule().ifPresent(rule -> hits.merge(rule, 1, Integer::sum));
            Map<String, String> proposed = new LinkedHashMap<>();
            EscalationAdvice.OUTPUTS.forEach(name -> proposed.put(name, answer.advice().get(name)));
            if (!proposed.equals(recorded)) {
                affected.add(event.verificationId());
                if (page.holds(changed)) {
                    changedOnPage.add(new ChangedStep(event.verificationId(), event.at(), step.step(), step.inputs(), recorded,
                            proposed, answer.rule().orElse(null)));
                }
                changed++;
            }
        }

        Report report(boolean complete) {
            return new Report(complete, verifications.size(), steps, changed, affected.size(), page, List.copyOf(changedOnPage),
                    hits);
        }
    }
}
