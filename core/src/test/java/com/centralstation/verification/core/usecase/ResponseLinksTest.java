package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contact's link records their answer once, and stays usable while the answer could not be recorded. */
class ResponseLinksTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;

    @Test
    void aFailingRecordingLeavesTheResponseLinkUsable() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);
        String link = f.notifier.lastResponseToken();
        f.process.failNextDecision = new IllegalStateException("the engine is unavailable");

        assertThatThrownBy(() -> f.responseLinks.answer(link, VerificationAction.DISPATCH))
                .hasMessageContaining("the engine is unavailable");
        assertThat(f.responseLinks.open(link).state()).isEqualTo(ResponseLinks.LinkState.OPEN);

        ResponseLinks.Answer answer = f.responseLinks.answer(link, VerificationAction.DISPATCH);
        assertThat(answer.outcome()).contains(RecordDecision.Outcome.ACCEPTED);
        assertThat(f.responseLinks.open(link).state()).isEqualTo(ResponseLinks.LinkState.USED);
    }
}
