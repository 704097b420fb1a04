package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.port.out.ConcurrentChangeException;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.UnitOfWork;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUnitOfWorkTest {

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

        static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

        Contract(Engine engine) {
            super(engine);
        }

        UnitOfWork unitOfWork() {
            return adapter(UnitOfWork.class);
        }

        boolean deliver(String eventId) {
            return adapter(DeliveryInbox.class).firstDelivery(eventId, "verification.requested", null, BODY, clock.instant());
        }

        int delivered(String eventId) {
            return database.count("SELECT COUNT(*) FROM webhook_delivery WHERE event_id = ?", eventId);
        }

        @Test
        void whatTheWorkWritesCommitsWithItsAnswer() {
            assertThat(unitOfWork().inOneTransaction(() -> deliver("evt_a") && deliver("evt_b"))).isTrue();

            assertThat(delivered("evt_a") + delivered("evt_b")).isEqualTo(2);
        }

        @Test
        void workThatThrowsLeavesNothingAndItsFailureIsRethrown() {
            assertThatThrownBy(() -> unitOfWork().inOneTransaction(() -> {
                deliver("evt_failed");
                throw new IllegalStateException("the handler failed");
            })).isInstanceOf(IllegalStateException.class).hasMessage("the handler failed");

            assertThat(delivered("evt_failed")).isZero();
        }

        @Test
        void aTransactionAParticipantCondemnedIsAConcurrentChangeAndLeavesNothing() {
            // The engine does this on an optimistic-locking conflict: its part of the transaction marks the whole
            // transaction rollback-only, and the caller's own work still returns normally.
            assertThatThrownBy(() -> unitOfWork().inOneTransaction(() -> {
                deliver("evt_condemned");
                transaction.executeWithoutResult(participant -> participant.setRollbackOnly());
                return "done";
            })).isInstanceOf(ConcurrentChangeException.class);

            assertThat(delivered("evt_condemned")).isZero();
            assertThat(unitOfWork().inOneTransaction(() -> deliver("evt_condemned"))).as("taken again, fresh").isTrue();
        }
    }
}
