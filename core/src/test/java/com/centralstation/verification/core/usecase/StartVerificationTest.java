package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static com.centralstation.verification.core.testing.TestVerifications.SITE;
import static org.assertj.core.api.Assertions.assertThat;

/** A request starts one verification, classed and with its call list, before its workflow starts. */
class StartVerificationTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;

    @Test
    void aRequestStartsOneVerificationAndARepeatChangesNothing() {
        assertThat(f.receiveAndStart(TestVerifications.contractRequest())).isEqualTo(StartVerification.Outcome.STARTED);
        assertThat(f.receiveAndStart(TestVerifications.contractRequest())).isEqualTo(StartVerification.Outcome.DUPLICATE);

        assertThat(f.process.started).containsExactly(id);
        assertThat(f.audit.types(id)).containsExactly(AuditEventType.VERIFICATION_RECEIVED);
        assertThat(f.verifications.find(id).orElseThrow().verification().callList().size()).isEqualTo(3);
    }

    @Test
    void theAlarmIsClassedAtIntakeAndTheClassIsStoredWithTheVerificationBeforeItsWorkflowStarts() {
        f.classifier.classAs(AlarmClass.LIFE_SAFETY);

        f.receiveAndStart(TestVerifications.request(id, 1, "fire", List.of(ANN)));

        assertThat(f.classifier.asked()).extracting(Alarm::trigger).containsExactly("fire");
        assertThat(f.verifications.find(id).orElseThrow().verification().alarmClass()).isEqualTo(AlarmClass.LIFE_SAFETY);
        assertThat(f.process.startedWith).extracting(Verification::alarmClass).containsExactly(AlarmClass.LIFE_SAFETY);
        assertThat(f.audit.timeline(id).get(0).details()).containsEntry("alarmClass", "life-safety");
    }

    @Test
    void withoutContactsInTheRequestTheSitesStoredCallListIsUsed() {
        f.callLists.replace(SITE, CallList.of(CHO, ANN));

        f.receiveAndStart(TestVerifications.request(id, 1, "motion", List.of()));

        assertThat(f.verifications.find(id).orElseThrow().verification().callList().contacts()).containsExactly(CHO, ANN);
    }
}
