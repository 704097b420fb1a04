package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Decisions are checked before they reach the workflow; the first valid one wins. */
class RecordDecisionTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;

    @Test
    void theFirstValidDecisionWinsAndTheSecondIsRefused() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        f.notifyNext.notifyNext(id);

        assertThat(f.recordDecision.record(id, f.decision(BEN.contactId(), VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.ACCEPTED);
        assertThat(f.recordDecision.record(id, f.decision(ANN.contactId(), VerificationAction.DISREGARD)))
                .isEqualTo(RecordDecision.Outcome.ALREADY_DECIDED);

        assertThat(f.verifications.find(id).orElseThrow().decision()).map(ContactDecision::contactId).contains(BEN.contactId());
        assertThat(f.audit.types(id)).containsSubsequence(AuditEventType.DECISION_RECEIVED, AuditEventType.DECISION_REFUSED);
    }

    @Test
    void decisionsAreCheckedBeforeTheyReachTheWorkflow() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        Instant now = f.clock.instant();

        assertThat(f.recordDecision.record(UUID.randomUUID(), f.decision(ANN.contactId(), VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.UNKNOWN_VERIFICATION);
        assertThat(f.recordDecision.record(id, f.decision(424242, VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.CONTACT_NOT_ON_CALL_LIST);
        assertThat(f.recordDecision.record(id, f.decision(BEN.contactId(), VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.CONTACT_NOT_NOTIFIED);
        assertThat(f.recordDecision.record(id, new ContactDecision(ANN.contactId(), VerificationAction.DISPATCH,
                now.plus(Duration.ofMinutes(2)), DecisionSource.STATION_API))).isEqualTo(RecordDecision.Outcome.RESPONDED_IN_FUTURE);
        assertThat(f.recordDecision.record(id, new ContactDecision(ANN.contactId(), VerificationAction.DISPATCH,
                Instant.parse("2026-05-26T10:00:00Z"), DecisionSource.STATION_API))).isEqualTo(RecordDecision.Outcome.RESPONDED_BEFORE_ALARM);

        assertThat(f.process.waiting).contains(id);
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.OPEN);
    }
}
