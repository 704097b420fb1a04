package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.VerificationRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcDeliveryInboxTest {

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

        Contract(Engine engine) {
            super(engine);
        }

        DeliveryInbox inbox() {
            return adapter(DeliveryInbox.class);
        }

        @Test
        void recognisesARedeliveryByEventId() {
            assertThat(inbox().firstDelivery("evt_2hKqx9", "verification.requested", clock.instant())).isTrue();
            assertThat(inbox().firstDelivery("evt_2hKqx9", "verification.requested", clock.instant().plusSeconds(60))).isFalse();
            assertThat(inbox().firstDelivery("evt_other", "verification.requested", clock.instant())).isTrue();
            assertThat(database.count("SELECT COUNT(*) FROM webhook_delivery")).isEqualTo(2);
        }

        @Test
        void aRedeliveryLeavesTheCallersTransactionUsable() {
            VerificationRequest request = TestVerifications.contractRequest();
            transaction.executeWithoutResult(status -> {
                assertThat(inbox().firstDelivery("evt_1", "verification.requested", clock.instant())).isTrue();
                assertThat(inbox().firstDelivery("evt_1", "verification.requested", clock.instant())).isFalse();
                adapter(VerificationRepository.class).add(new Verification(request.chekt(), request.alarm(),
                        new CallList(request.contacts()), clock.instant()));
            });

            assertThat(adapter(VerificationRepository.class).find(TestVerifications.CONTRACT_VERIFICATION_ID)).isPresent();
            assertThat(database.count("SELECT COUNT(*) FROM webhook_delivery WHERE event_id = 'evt_1'")).isEqualTo(1);
        }

        @Test
        void anEventRecordedInARolledBackTransactionWasNeverDelivered() {
            transaction.executeWithoutResult(status -> {
                inbox().firstDelivery("evt_rolled_back", "verification.requested", clock.instant());
                status.setRollbackOnly();
            });

            assertThat(inbox().firstDelivery("evt_rolled_back", "verification.requested", clock.instant())).isTrue();
        }

        @Test
        void ofFiveConcurrentDeliveriesExactlyOneIsTheFirst() throws InterruptedException {
            List<Race.Result<Boolean>> results = Race.run(5, i -> () -> transaction.execute(status ->
                    inbox().firstDelivery("evt_storm", "verification.requested", clock.instant())));

            assertThat(results).noneMatch(Race.Result::failed);
            assertThat(results).filteredOn(Race.Result::value).hasSize(1);
            assertThat(database.count("SELECT COUNT(*) FROM webhook_delivery WHERE event_id = 'evt_storm'")).isEqualTo(1);
        }
    }
}
