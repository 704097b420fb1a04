package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.QuarantinedDelivery;
import com.centralstation.verification.core.domain.RefusedDelivery;
import com.centralstation.verification.core.port.out.RefusedDeliveries;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcRefusedDeliveriesTest {

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

        RefusedDeliveries quarantine() {
            return adapter(RefusedDeliveries.class);
        }

        RefusedDelivery refused(Instant at, String body) {
            return new RefusedDelivery(at, "required_field", "data.verification_id", "data.verification_id is required",
                    Map.of("X-CHeKT-Timestamp", "1780000000", "X-CHeKT-Signature", "ab12"), body.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void keepsTheBytesHeadersAndReasonAsReceived() {
            byte[] notUtf8 = {'{', (byte) 0xff, (byte) 0xfe, '}'};
            RefusedDelivery delivery = new RefusedDelivery(clock.instant(), "unparsable", "body", "the body is not valid JSON",
                    Map.of("X-CHeKT-Timestamp", "1780000000", "X-CHeKT-Signature", "ab12", "Content-Type", "application/json"),
                    notUtf8);

            long id = quarantine().keep(delivery);

            QuarantinedDelivery kept = quarantine().newestFirst(10).get(0);
            assertThat(kept.id()).isEqualTo(id);
            assertThat(kept.delivery().body()).isEqualTo(notUtf8);
            assertThat(kept.delivery()).usingRecursiveComparison().ignoringFields("body").isEqualTo(delivery);
        }

        @Test
        void aKeptDeliveryOutlivesTheCallersRollback() {
            transaction.executeWithoutResult(status -> {
                quarantine().keep(refused(clock.instant(), "{}"));
                status.setRollbackOnly();
            });

            assertThat(quarantine().newestFirst(10)).hasSize(1);
        }

        @Test
        void listsNewestFirstUpToTheLimit() {
            for (int i = 0; i < 5; i++) {
                quarantine().keep(refused(clock.instant().plusSeconds(i), "{\"n\":" + i + "}"));
            }

            assertThat(quarantine().newestFirst(3)).extracting(kept -> new String(kept.delivery().body(), StandardCharsets.UTF_8))
                    .containsExactly("{\"n\":4}", "{\"n\":3}", "{\"n\":2}");
        }

        @Test
        void discardsByAgeAndThenByCount() {
            for (int i = 0; i < 6; i++) {
                quarantine().keep(refused(clock.instant().plus(Duration.ofDays(i)), "{\"day\":" + i + "}"));
            }

            assertThat(quarantine().discard(clock.instant().plus(Duration.ofDays(2)), 3)).isEqualTo(3);

            assertThat(quarantine().newestFirst(10)).extracting(kept -> new String(kept.delivery().body(), StandardCharsets.UTF_8))
                    .containsExactly("{\"day\":5}", "{\"day\":4}", "{\"day\":3}");
        }
    }
}
