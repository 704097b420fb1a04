package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static com.centralstation.verification.core.testing.TestVerifications.SITE;
import static org.assertj.core.api.Assertions.assertThat;

/** The read side: a started verification with its timeline, and a request taken in but not started yet as RECEIVED. */
class VerificationQueriesTest {

    private final UseCaseFixture f = new UseCaseFixture();
    private final UUID id = CONTRACT_VERIFICATION_ID;
    private final VerificationQueries queries = new VerificationQueries(f.verifications, f.inbox, f.reader, f.callLists,
            f.audit);

    @Test
    void aStartedVerificationIsShownWithItsTimeline() {
        f.receiveAndStart(TestVerifications.contractRequest());
        f.notifyNext.notifyNext(id);

        VerificationQueries.VerificationView view = queries.find(id).orElseThrow();

        assertThat(view.record().state()).isEqualTo(VerificationState.OPEN);
        assertThat(view.record().notified()).singleElement().satisfies(n -> assertThat(n.contactId()).isEqualTo(ANN.contactId()));
        assertThat(view.timeline()).extracting(AuditEvent::type)
                .containsExactly(AuditEventType.VERIFICATION_RECEIVED, AuditEventType.CONTACT_NOTIFIED);
    }

    @Test
    void anUnknownVerificationIsNotFound() {
        assertThat(queries.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aRequestTakenInAndNotStartedIsReceivedWithTheCallListItCameWithAndNobodyNotified() {
        f.classifier.classAs(AlarmClass.HIGH);
        f.takeIn(TestVerifications.request(id, 1, "motion", List.of(BEN, ANN)), true);

        VerificationRecord received = queries.find(id).orElseThrow().record();

        assertThat(f.verifications.find(id)).as("not started yet").isEmpty();
        assertThat(received.state()).isEqualTo(VerificationState.RECEIVED);
        assertThat(received.verification().callList().contacts()).containsExactly(BEN, ANN);
        assertThat(received.verification().alarmClass()).isEqualTo(AlarmClass.HIGH);
        assertThat(received.verification().receivedAt()).isEqualTo(f.clock.instant());
        assertThat(received.notified()).isEmpty();
        assertThat(received.decision()).isEmpty();
    }

    @Test
    void aRequestTakenInWithoutContactsShowsTheSitesStoredCallListAsItIsNow() {
        f.callLists.replace(SITE, CallList.of(CHO));
        f.takeIn(TestVerifications.request(id, 1, "motion", List.of()), true);
        f.callLists.replace(SITE, CallList.of(CHO, BEN));

        assertThat(queries.find(id).orElseThrow().record().verification().callList().contacts()).containsExactly(CHO, BEN);
    }

    @Test
    void aRequestWhoseKeptBodyNoLongerReadsIsNotShown() {
        f.takeIn(TestVerifications.request(id, 1, "motion", List.of(ANN)), false);

        assertThat(f.inbox.waitingCount()).isEqualTo(1);
        assertThat(queries.find(id)).isEmpty();
        assertThat(queries.inState(VerificationState.RECEIVED, 10)).isEmpty();
    }

    @Test
    void theVerificationsInAStateComeFromTheInboxForReceivedAndFromTheStoreForTheOthers() {
        UUID waiting = UUID.randomUUID();
        f.takeIn(TestVerifications.request(waiting, 2, "motion", List.of(ANN)), true);
        f.receiveAndStart(TestVerifications.contractRequest());

        assertThat(queries.inState(VerificationState.RECEIVED, 10)).extracting(r -> r.verification().id())
                .containsExactly(waiting);
        assertThat(queries.inState(VerificationState.OPEN, 10)).extracting(r -> r.verification().id()).containsExactly(id);
        assertThat(queries.inState(VerificationState.SUBMITTED, 10)).isEmpty();
    }
}
