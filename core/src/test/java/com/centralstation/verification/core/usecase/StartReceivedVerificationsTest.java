package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StartReceivedVerificationsTest {

    private final UseCaseFixture f = new UseCaseFixture();

    @Test
    void waitingRequestsStartByClassThenArrivalManyToATransaction() {
        UUID normal1 = take(AlarmClass.NORMAL);
        UUID high1 = take(AlarmClass.HIGH);
        UUID normal2 = take(AlarmClass.NORMAL);
        UUID high2 = take(AlarmClass.HIGH);
        int transactionsBefore = f.unitOfWork.transactions.get();

        StartReceivedVerifications.Batch first = f.starter.startNext();
        StartReceivedVerifications.Batch second = f.starter.startNext();

        assertThat(first.started()).containsExactly(high1, high2, normal1);
        assertThat(first.full()).isTrue();
        assertThat(second.started()).containsExactly(normal2);
        assertThat(second.full()).isFalse();
        assertThat(f.process.started).containsExactly(high1, high2, normal1, normal2);
        assertThat(f.unitOfWork.transactions.get() - transactionsBefore).as("one transaction a batch").isEqualTo(2);
        assertThat(f.inbox.waitingCount()).isZero();
        assertThat(f.starter.startNext().tookAny()).isFalse();
    }

    @Test
    void aStartedVerificationKeepsTheClassAndArrivalItWasReceivedWith() {
        UUID id = take(AlarmClass.HIGH);
        java.time.Instant arrived = f.clock.instant();
        f.clock.advance(Duration.ofSeconds(30));

        f.starter.startNext();

        assertThat(f.verifications.find(id)).hasValueSatisfying(record -> {
            assertThat(record.state()).isEqualTo(VerificationState.OPEN);
            assertThat(record.verification().alarmClass()).isEqualTo(AlarmClass.HIGH);
            assertThat(record.verification().receivedAt()).isEqualTo(arrived);
        });
        assertThat(f.classifier.asked()).as("classed once, at intake").hasSize(1);
        assertThat(f.audit.types(id)).containsExactly(AuditEventType.VERIFICATION_RECEIVED);
    }

    @Test
    void aRequestTheEngineRefusesDoesNotHoldBackTheOthersAndIsQuarantinedAfterItsLastAttempt() {
        UUID first = take(AlarmClass.NORMAL);
        UUID refused = take(AlarmClass.NORMAL);
        UUID third = take(AlarmClass.NORMAL);
        f.process.refusedStarts.add(refused);
        f.unitOfWork.onFailure = () -> f.verifications.forget(refused);
        List<UUID> quarantined = new ArrayList<>();

        for (int round = 1; round <= UseCaseFixture.MAX_ATTEMPTS; round++) {
            StartReceivedVerifications.Batch batch = f.starter.startNext();
            quarantined.addAll(batch.quarantined());
            if (round < UseCaseFixture.MAX_ATTEMPTS) {
                assertThat(batch.failed()).singleElement().satisfies(failure -> {
                    assertThat(failure.verificationId()).isEqualTo(refused);
                    assertThat(failure.reason()).contains("ENGINE-02004");
                });
            }
        }

        assertThat(f.process.started).containsExactlyInAnyOrder(first, third);
        assertThat(quarantined).containsExactly(refused);
        assertThat(f.inbox.waitingCount()).isZero();
        assertThat(f.refused.kept).singleElement().satisfies(kept -> {
            assertThat(kept.delivery().reason()).isEqualTo("unstartable");
            assertThat(kept.delivery().detail()).contains(refused.toString()).contains("3 attempts").contains("ENGINE-02004");
            assertThat(new String(kept.delivery().body(), StandardCharsets.UTF_8)).isEqualTo(body(refused));
        });
        assertThat(f.metrics.counted).contains("deliveryRefused:unstartable");
        assertThat(f.verifications.find(refused)).isEmpty();
    }

    @Test
    void aRequestWhoseKeptBodyNoLongerReadsIsQuarantinedToo() {
        UUID unreadable = UUID.randomUUID();
        f.takeIn(TestVerifications.request(unreadable, 7, "motion", TestVerifications.CONTACTS), false);

        for (int round = 1; round <= UseCaseFixture.MAX_ATTEMPTS; round++) {
            f.starter.startNext();
        }

        assertThat(f.refused.kept).singleElement()
                .satisfies(kept -> assertThat(kept.delivery().detail()).contains("does not read"));
        assertThat(f.inbox.waitingCount()).isZero();
    }

    @Test
    void whenTheQuarantineCannotKeepItTheRequestStaysWaiting() {
        UUID refused = take(AlarmClass.NORMAL);
        f.process.refusedStarts.add(refused);
        f.unitOfWork.onFailure = () -> f.verifications.forget(refused);
        f.refused.down = true;

        for (int round = 1; round <= UseCaseFixture.MAX_ATTEMPTS + 1; round++) {
            f.starter.startNext();
        }

        assertThat(f.inbox.waiting(refused)).isPresent();
    }

    @Test
    void aRequestWhoseVerificationAlreadyExistsIsAuditedAsADuplicateAndLeavesTheInbox() {
        UUID id = take(AlarmClass.NORMAL);
        f.receiveAndStart(TestVerifications.request(id, 9, "motion", TestVerifications.CONTACTS));

        f.starter.startNext();

        assertThat(f.process.started).containsExactly(id);
        assertThat(f.audit.types(id)).contains(AuditEventType.DUPLICATE_DELIVERY);
        assertThat(f.inbox.waitingCount()).isZero();
    }

    /** A request of a fresh verification, taken in by the intake as the given class. */
    private UUID take(AlarmClass alarmClass) {
        UUID id = UUID.randomUUID();
        f.classifier.classAs(alarmClass);
        assertThat(f.takeIn(TestVerifications.request(id, Math.abs(id.getLeastSignificantBits() % 100_000) + 1, "motion",
                TestVerifications.CONTACTS), true)).isEqualTo(ReceiveChektDelivery.Result.ACCEPTED);
        return id;
    }

    /** The body the fixture delivers for a verification. */
    private static String body(UUID id) {
        return "{\"id\":\"evt_" + id + "\"}";
    }
}
