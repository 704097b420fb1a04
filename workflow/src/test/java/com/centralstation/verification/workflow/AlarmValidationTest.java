package com.centralstation.verification.workflow;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactObservation;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.usecase.RecordDecision;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The deployed validation tables score each accepted decision; the operator's form variables carry the result. */
class AlarmValidationTest extends WorkflowTestBase {

    @Test
    void aContactWhoSawAPersonGivesLevelThreeAndCountsAsEcvWithOneContactTried() {
        UUID id = f.waitingVerification("motion", ANN, BEN);

        RecordDecision.Outcome outcome = f.recordDecision.record(id, new ContactDecision(ANN.contactId(),
                VerificationAction.DISPATCH, f.now(), DecisionSource.RESPONSE_LINK, Optional.of(ContactObservation.PERSON)));

        assertThat(outcome).isEqualTo(RecordDecision.Outcome.ACCEPTED);
        assertThat(validated(id).details()).containsEntry("avsLevel", "3").containsEntry("seen", "person")
                .containsEntry("ecvRequired", "true").containsEntry("ecvMet", "true").containsEntry("contactsTried", "1");
        assertThat(f.variable(id, ProcessVariables.AVS_LEVEL)).isEqualTo(3);
        assertThat(f.variable(id, ProcessVariables.ECV_MET)).isEqualTo(true);
    }

    @Test
    void aBurglaryDispatchAfterOneContactWhoDidNotSayWhatTheySawIsLevelOneWithEcvNotMet() {
        UUID id = f.waitingVerification("motion", ANN, BEN);

        f.recordDecision.record(id, f.decision(ANN, VerificationAction.DISPATCH));

        assertThat(validated(id).details()).containsEntry("avsLevel", "1").containsEntry("ecvMet", "false")
                .doesNotContainKey("seen");
    }

    @Test
    void aFireDispatchIsExemptFromEcv() {
        UUID id = f.waitingVerification("fire", ANN, BEN);

        f.recordDecision.record(id, f.decision(ANN, VerificationAction.DISPATCH));

        assertThat(validated(id).details()).containsEntry("avsLevel", "2").containsEntry("ecvRequired", "false");
    }

    private AuditEvent validated(UUID id) {
        return f.audit.timeline(id).stream().filter(e -> e.type() == AuditEventType.ALARM_VALIDATED).findFirst().orElseThrow();
    }
}
