package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.usecase.SubmitDecision.Attempt;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** A supervisor ending a verification's process: an open one is cancelled, an ended one keeps its state; both audited. */
class CancelBySupervisorTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;

    @Test
    void aSupervisorEndingTheProcessCancelsAnOpenVerificationAndAuditsWhoDidIt() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);

        assertThat(f.cancelBySupervisor.cancel(id, "sam", "duplicate alarm"))
                .contains(VerificationState.CANCELLED_BY_SUPERVISOR);

        assertThat(f.verifications.find(id).orElseThrow().state()).isEqualTo(VerificationState.CANCELLED_BY_SUPERVISOR);
        assertThat(f.audit.timeline(id)).filteredOn(e -> e.type() == AuditEventType.CANCELLED_BY_SUPERVISOR).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(Actor.supervisor("sam"));
                    assertThat(e.details()).containsEntry("reason", "duplicate alarm").containsEntry("stateBefore", "OPEN");
                });
        assertThat(f.notifyNext.notifyNext(id).contact()).isEmpty();
    }

    @Test
    void aSupervisorEndingTheProcessOfAnEndedVerificationKeepsItsStateAndAuditsIt() {
        f.decided(VerificationAction.DISPATCH);
        f.chekt.failNext(1, () -> RecordingChektGateway.closed(404));
        f.submitDecision.submit(id, Attempt.FIRST);

        assertThat(f.cancelBySupervisor.cancel(id, null, null)).contains(VerificationState.DISPATCH_NOT_TAKEN);
        assertThat(f.audit.types(id)).endsWith(AuditEventType.CANCELLED_BY_SUPERVISOR);
    }
}
