package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.CallReport;
import com.centralstation.verification.core.domain.CallStatus;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.testing.TestVerifications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CONTRACT_VERIFICATION_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JdbcPhoneCallsTest {

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(Engine.H2);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Engine.POSTGRES);
        }
    }

    abstract static class Contract extends DatabaseContract {

        private static final String SID = "CA0123456789abcdef0123456789abcdef";

        Contract(Engine engine) {
            super(engine);
        }

        @BeforeEach
        void storeTheContractVerification() {
            storeContractVerification();
        }

        PhoneCalls calls() {
            return adapter(PhoneCalls.class);
        }

        PhoneCall dialling() {
            return PhoneCall.dialling(CONTRACT_VERIFICATION_ID, ANN.contactId(), 1, ANN.phoneNumber(), clock.instant());
        }

        CallReport report(CallStatus status, int sequence) {
            return new CallReport(SID, status, OptionalInt.of(sequence), Optional.of("human"),
                    status.isFinal() ? OptionalInt.of(37) : OptionalInt.empty(), clock.instant());
        }

        @Test
        void aCallReadsBackAsItWasWrittenWithEverythingItLearned() {
            PhoneCall call = dialling();
            calls().open(call);
            calls().placed(call.callId(), SID);

            PhoneCall changed = calls().change(call.callId(), c -> c.reported(report(CallStatus.RINGING, 1))
                    .answeredBy(Optional.of("human")).pressed(new PhoneCall.KeyPress("menu", "", clock.instant()))
                    .pressed(new PhoneCall.KeyPress("confirm-dispatch", "1", clock.instant()))
                    .confirmedAs(VerificationAction.DISPATCH).reported(report(CallStatus.COMPLETED, 3))).orElseThrow().after();

            assertThat(calls().find(call.callId())).contains(changed);
            assertThat(changed.callSid()).contains(SID);
            assertThat(changed.lastSequence()).hasValue(3);
            assertThat(changed.durationSeconds()).hasValue(37);
            assertThat(changed.statusChanges()).extracting(PhoneCall.StatusChange::status)
                    .containsExactly(CallStatus.RINGING, CallStatus.COMPLETED);
            assertThat(changed.keysPressed()).isEqualTo("menu:- confirm-dispatch:1");
            assertThat(changed.endedAt()).contains(clock.instant());
            assertThat(calls().ofVerification(CONTRACT_VERIFICATION_ID)).containsExactly(changed);
        }

        @Test
        void theProvidersSidIsKeptOnce() {
            PhoneCall call = dialling();
            calls().open(call);

            calls().placed(call.callId(), SID);
            calls().placed(call.callId(), "CAsecond");

            assertThat(calls().find(call.callId()).orElseThrow().callSid()).contains(SID);
        }

        @Test
        void aChangeThatChangesNothingIsReportedAsSuchAndAnUnknownCallIsNone() {
            PhoneCall call = dialling();
            calls().open(call);

            assertThat(calls().change(call.callId(), c -> c)).get().satisfies(change -> assertThat(change.changed()).isFalse());
            assertThat(calls().change("no-such-call", c -> c.confirmedAs(VerificationAction.DISPATCH))).isEmpty();
        }

        @Test
        void callsAreListedPerVerificationInTheOrderTheyWerePlaced() {
            PhoneCall first = dialling();
            calls().open(first);
            clock.advance(Duration.ofMinutes(2));
            PhoneCall second = PhoneCall.dialling(CONTRACT_VERIFICATION_ID, BEN.contactId(), 2, BEN.phoneNumber(), clock.instant());
            calls().open(second);

            assertThat(calls().ofVerification(CONTRACT_VERIFICATION_ID)).extracting(PhoneCall::contactId)
                    .containsExactly(ANN.contactId(), BEN.contactId());
        }

        @Test
        void aCallbackThatOvertakesTheNotificationFindsTheCallAndWaitsForTheNotificationToCommit() throws Exception {
            PhoneCall call = dialling();
            CountDownLatch placed = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            CompletableFuture<Void> notification = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
                calls().open(call);
                calls().placed(call.callId(), SID);
                placed.countDown();
                Race.awaitSignal(commit);
            }));
            assertThat(placed.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<PhoneCalls.Change> callback = CompletableFuture.supplyAsync(() -> calls().change(call.callId(),
                    c -> c.reported(report(CallStatus.BUSY, 2))).orElseThrow());
            await().atMost(Duration.ofSeconds(10)).until(() -> callback.isDone() || database.blockedSessions() > 0);
            assertThat(callback).as("waits while the notification's transaction is open").isNotDone();
            commit.countDown();
            notification.get(10, TimeUnit.SECONDS);

            PhoneCalls.Change change = callback.get(10, TimeUnit.SECONDS);
            assertThat(change.before().callSid()).as("sees what the notification committed").contains(SID);
            assertThat(change.after().status()).isEqualTo(CallStatus.BUSY);
        }

        @Test
        void callbacksAboutOneCallAtOnceAreTakenOneAfterAnother() throws Exception {
            PhoneCall call = dialling();
            calls().open(call);

            List<Race.Result<PhoneCalls.Change>> results = Race.run(6, i -> () -> calls().change(call.callId(),
                    c -> c.pressed(new PhoneCall.KeyPress("menu", String.valueOf(i), clock.instant()))).orElseThrow());

            assertThat(results).noneMatch(Race.Result::failed);
            assertThat(calls().find(call.callId()).orElseThrow().keys()).hasSize(6);
        }

    }
}
