package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** CHeKT's cancellation ends an open verification once. */
class CancelVerificationTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;

    @Test
    void cancellationEndsAnOpenVerificationOnceAndRefusesLaterDecisions() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);

        assertThat(f.cancel.cancel(id, "alarm.resolved")).isEqualTo(CancelVerification.Outcome.CANCELLED);
        assertThat(f.cancel.cancel(id, "alarm.resolved")).isEqualTo(CancelVerification.Outcome.ALREADY_ENDED);
        assertThat(f.recordDecision.record(id, f.decision(ANN.contactId(), VerificationAction.DISPATCH)))
                .isEqualTo(RecordDecision.Outcome.CLOSED);
        assertThat(f.notifyNext.notifyNext(id).contact()).isEmpty();
    }
}
