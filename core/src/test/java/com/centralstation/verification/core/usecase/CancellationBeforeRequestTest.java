package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** A cancellation can overtake its request (CHeKT retries each delivery on its own); the request then calls nobody. */
class CancellationBeforeRequestTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;

    @Test
    void aCancellationForAnUnknownVerificationLeavesATombstone() {
        assertThat(f.cancel.cancel(id, "verification.cancelled")).isEqualTo(CancelVerification.Outcome.REMEMBERED);

        assertThat(f.tombstones.tombstone(id)).hasValueSatisfying(tombstone -> {
            assertThat(tombstone.reason()).isEqualTo("verification.cancelled");
            assertThat(tombstone.at()).isEqualTo(f.clock.instant());
        });
        assertThat(f.verifications.find(id)).isEmpty();
    }

    @Test
    void theRequestThatFollowsIsStoredCancelledAuditedAndStartsNothing() {
        f.cancel.cancel(id, "alarm.resolved");
        f.clock.advance(Duration.ofMinutes(3));

        assertThat(f.receiveAndStart(TestVerifications.contractRequest()))
                .isEqualTo(StartVerification.Outcome.CANCELLED_BEFORE_ARRIVAL);

        assertThat(f.process.started).isEmpty();
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.CANCELLED);
        assertThat(f.verifications.find(id).orElseThrow().closeReason()).contains("alarm.resolved");
        assertThat(f.audit.types(id)).containsExactly(AuditEventType.VERIFICATION_RECEIVED, AuditEventType.CANCELLED);
        AuditEvent cancelled = f.audit.timeline(id).get(1);
        assertThat(cancelled.details()).containsEntry("reason", "alarm.resolved").containsEntry("stateBefore", "not yet received");
        assertThat(f.notifyNext.notifyNext(id).contact()).isEmpty();
    }

    @Test
    void aRedeliveredRequestAfterTheTombstoneIsStillADuplicate() {
        f.cancel.cancel(id, "verification.cancelled");
        f.receiveAndStart(TestVerifications.contractRequest());

        assertThat(f.receiveAndStart(TestVerifications.contractRequest())).isEqualTo(StartVerification.Outcome.DUPLICATE);
        assertThat(f.process.started).isEmpty();
    }

    @Test
    void aTombstoneOlderThanTheExpiryNoLongerCancels() {
        f.cancel.cancel(id, "verification.cancelled");
        f.clock.advance(UseCaseFixture.TOMBSTONE_EXPIRY.plusSeconds(1));

        assertThat(f.receiveAndStart(TestVerifications.contractRequest())).isEqualTo(StartVerification.Outcome.STARTED);
        assertThat(f.process.started).containsExactly(id);
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.OPEN);
    }

    @Test
    void aTombstoneExactlyAtTheExpiryStillCancels() {
        f.cancel.cancel(id, "verification.cancelled");
        f.clock.advance(UseCaseFixture.TOMBSTONE_EXPIRY);

        assertThat(f.receiveAndStart(TestVerifications.contractRequest()))
                .isEqualTo(StartVerification.Outcome.CANCELLED_BEFORE_ARRIVAL);
    }

    @Test
    void aSecondCancellationBeforeTheRequestIsRememberedOnce() {
        assertThat(f.cancel.cancel(id, "verification.cancelled")).isEqualTo(CancelVerification.Outcome.REMEMBERED);
        assertThat(f.cancel.cancel(id, "alarm.resolved")).isEqualTo(CancelVerification.Outcome.REMEMBERED);

        assertThat(f.tombstones.tombstone(id)).map(t -> t.reason()).contains("verification.cancelled");
    }

    @Test
    void aCancellationAfterTheRequestCancelsTheRunningVerificationAsBefore() {
        f.receiveAndStart(TestVerifications.contractRequest());

        assertThat(f.cancel.cancel(id, "verification.cancelled")).isEqualTo(CancelVerification.Outcome.CANCELLED);
        assertThat(f.tombstones.tombstone(id)).isEmpty();
        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.CANCELLED);
    }
}
