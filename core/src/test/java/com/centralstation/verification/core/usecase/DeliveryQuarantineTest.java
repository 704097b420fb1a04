package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.RefusalReason;
import com.centralstation.verification.core.domain.Tombstone;
import com.centralstation.verification.core.testing.InMemoryCancellationTombstones;
import com.centralstation.verification.core.testing.InMemoryRefusedDeliveries;
import com.centralstation.verification.core.testing.MutableClock;
import com.centralstation.verification.core.testing.RecordingMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The quarantine of refused deliveries, and the housekeeping that bounds it and the tombstones. */
class DeliveryQuarantineTest {

    private static final byte[] BODY = "{\"type\":\"verification.requested\"}".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-26T10:21:34Z"));
    private final InMemoryRefusedDeliveries refused = new InMemoryRefusedDeliveries();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final DeliveryQuarantine quarantine = new DeliveryQuarantine(refused, metrics, clock,
            Duration.ofDays(7), 2);

    @Test
    void aSignedRefusalIsKeptWithItsBytesAndHeadersAndCounted() {
        DeliveryQuarantine.Kept kept = quarantine.keep(RefusalReason.REQUIRED_FIELD, "data.site_id", "data.site_id is required",
                Map.of("X-CHeKT-Timestamp", "1779790894"), BODY);

        assertThat(kept.id()).isPresent();
        assertThat(refused.kept).singleElement().satisfies(delivery -> {
            assertThat(delivery.id()).isEqualTo(kept.id().getAsLong());
            assertThat(delivery.delivery().reason()).isEqualTo("required_field");
            assertThat(delivery.delivery().field()).isEqualTo("data.site_id");
            assertThat(delivery.delivery().body()).isEqualTo(BODY);
            assertThat(delivery.delivery().receivedAt()).isEqualTo(clock.instant());
        });
        assertThat(metrics.counted).containsExactly("deliveryRefused:required_field");
    }

    @Test
    void aRefusalThatCannotBeKeptIsStillCountedAndSaysWhy() {
        refused.down = true;

        DeliveryQuarantine.Kept kept = quarantine.keep(RefusalReason.UNPARSABLE, "body", "not JSON", Map.of(), BODY);

        assertThat(kept.id()).isEmpty();
        assertThat(kept.failure()).hasMessage("database unavailable");
        assertThat(metrics.counted).containsExactly("deliveryRefused:unparsable");
    }

    @Test
    void anUnprovenRefusalIsCountedOnly() {
        quarantine.countUnproven(RefusalReason.SIGNATURE);

        assertThat(metrics.counted).containsExactly("deliveryRefused:signature");
        assertThat(refused.kept).isEmpty();
    }

    @Test
    void theListingIsNewestFirstWithWhatTheQuarantineKeeps() {
        quarantine.keep(RefusalReason.UNPARSABLE, "body", "first", Map.of(), BODY);
        quarantine.keep(RefusalReason.UNPARSABLE, "body", "second", Map.of(), BODY);

        DeliveryQuarantine.Listing listing = quarantine.newestFirst(10);

        assertThat(listing.deliveries()).extracting(d -> d.delivery().detail()).containsExactly("second", "first");
        assertThat(listing.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(listing.maxEntries()).isEqualTo(2);
    }

    @Test
    void housekeepingForgetsExpiredTombstonesAndRefusedDeliveriesPastTheirRetentionOrCount() {
        InMemoryCancellationTombstones tombstones = new InMemoryCancellationTombstones();
        tombstones.leave(new Tombstone(UUID.randomUUID(), "alarm.resolved", clock.instant()));
        quarantine.keep(RefusalReason.UNPARSABLE, "body", "old", Map.of(), BODY);
        clock.advance(Duration.ofDays(8));
        tombstones.leave(new Tombstone(UUID.randomUUID(), "alarm.resolved", clock.instant()));
        for (int i = 0; i < 3; i++) {
            quarantine.keep(RefusalReason.UNPARSABLE, "body", "new " + i, Map.of(), BODY);
        }
        IntakeHousekeeping housekeeping = new IntakeHousekeeping(tombstones, refused, clock, Duration.ofHours(24),
                Duration.ofDays(7), 2);

        IntakeHousekeeping.Purged purged = housekeeping.purge();

        assertThat(purged).isEqualTo(new IntakeHousekeeping.Purged(1, 2));
        assertThat(refused.kept).extracting(d -> d.delivery().detail()).containsExactly("new 1", "new 2");
        assertThat(housekeeping.purge().any()).isFalse();
    }
}
