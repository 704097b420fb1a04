package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.port.out.CandidatePolicies;
import com.centralstation.verification.core.port.out.CandidatePolicy;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A candidate policy replayed over recorded steps: totals, one page of changes, a bound on what is replayed. */
class DryRunPolicyTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-26T10:21:34Z"));
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final AtomicInteger evaluations = new AtomicInteger();
    /** Alerts the operator on every "2min" step, where the recorded policy did not. */
    private final CandidatePolicies alertAtTwoMinutes = dmn -> new CandidatePolicy() {
        @Override
        public List<String> ruleIds() {
            return List.of("Rule_Alert", "Rule_Wait");
        }

        @Override
        public Answer evaluate(Map<String, String> inputs) {
            evaluations.incrementAndGet();
            boolean alert = "2min".equals(inputs.get("escalationStep"));
            return new Answer(Map.of("notifyNextContact", "true", "alertOperator", String.valueOf(alert),
                    "handOverToOperator", "false"), Optional.of(alert ? "Rule_Alert" : "Rule_Wait"));
        }
    };

    @Test
    void theReportCountsEverythingAndListsOnePageOfChangedStepsNewestFirst() {
        List<UUID> verifications = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        verifications.forEach(id -> {
            step(id, "initial");
            step(id, "2min");
        });

        DryRunPolicy.Report first = dryRun(1_000).dryRun(new byte[0], DryRunPolicy.Window.lastDays(1), new DryRunPolicy.Page(0, 2));
        DryRunPolicy.Report last = dryRun(1_000).dryRun(new byte[0], DryRunPolicy.Window.lastDays(1), new DryRunPolicy.Page(1, 2));

        assertThat(first.complete()).isTrue();
        assertThat(first.stepsReplayed()).isEqualTo(6);
        assertThat(first.verificationsReplayed()).isEqualTo(3);
        assertThat(first.stepsChanged()).isEqualTo(3);
        assertThat(first.verificationsAffected()).isEqualTo(3);
        assertThat(first.ruleHits()).containsExactly(Map.entry("Rule_Alert", 3), Map.entry("Rule_Wait", 3));
        assertThat(first.changedOnPage()).extracting(DryRunPolicy.ChangedStep::verificationId)
                .containsExactly(verifications.get(2), verifications.get(1));
        assertThat(last.changedOnPage()).extracting(DryRunPolicy.ChangedStep::verificationId).containsExactly(verifications.get(0));
        assertThat(last.changedOnPage()).singleElement().satisfies(step -> {
            assertThat(step.step()).isEqualTo("2min");
            assertThat(step.recordedAdvice()).containsEntry("alertOperator", "false");
            assertThat(step.candidateAdvice()).containsEntry("alertOperator", "true");
            assertThat(step.candidateRule()).isEqualTo("Rule_Alert");
        });
    }

    @Test
    void aWindowHoldingMoreThanTheBoundIsReplayedUpToItNewestFirstAndSaysSo() {
        UUID id = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            step(id, i == 4 ? "2min" : "initial");
        }

        DryRunPolicy.Report report = dryRun(3).dryRun(new byte[0], DryRunPolicy.Window.latestVerifications(10),
                new DryRunPolicy.Page(0, 10));

        assertThat(report.complete()).isFalse();
        assertThat(report.stepsReplayed()).isEqualTo(3);
        assertThat(report.stepsChanged()).as("the newest step is the changed one").isEqualTo(1);
    }

    @Test
    void eachDistinctSetOfInputsIsAnsweredOnce() {
        for (int i = 0; i < 50; i++) {
            step(UUID.randomUUID(), i % 2 == 0 ? "initial" : "2min");
        }

        DryRunPolicy.Report report = dryRun(1_000).dryRun(new byte[0], DryRunPolicy.Window.lastDays(1), new DryRunPolicy.Page(0, 5));

        assertThat(report.stepsReplayed()).isEqualTo(50);
        assertThat(report.stepsChanged()).isEqualTo(25);
        assertThat(report.changedOnPage()).hasSize(5);
        assertThat(evaluations).hasValue(2);
    }

    private DryRunPolicy dryRun(int maxSteps) {
        return new DryRunPolicy(alertAtTwoMinutes, audit, clock, maxSteps);
    }

    /** A recorded step whose policy advised to notify the next contact and nothing else. */
    private void step(UUID verificationId, String step) {
        clock.advance(Duration.ofSeconds(1));
        audit.record(new AuditEvent(verificationId, clock.instant(), AuditEventType.POLICY_APPLIED, Actor.ENGINE, Map.of(
                AuditDetail.STEP, step, AuditDetail.POLICY_INPUT_PREFIX + "escalationStep", step,
                "notifyNextContact", "true", "alertOperator", "false", "handOverToOperator", "false")));
    }
}
