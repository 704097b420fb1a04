package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.port.out.ExpiredRecords;
import com.centralstation.verification.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurgeExpiredRecordsTest {

    private static final Instant NOW = Instant.parse("2027-07-01T01:30:00Z");

    private final BatchedRecords records = new BatchedRecords();
    private final PurgeExpiredRecords purge = new PurgeExpiredRecords(records, new MutableClock(NOW), Duration.ofDays(400));

    @Test
    void removesBatchAfterBatchUntilNothingIsLeftOfVerificationsEndedBeforeTheRetention() {
        records.ofVerifications.addAll(List.of(250, 250, 40));
        records.unattached.addAll(List.of(7));

        PurgeExpiredRecords.Purged purged = purge.purge();

        assertThat(purged.ofVerifications()).isEqualTo(540);
        assertThat(purged.unattached()).isEqualTo(7);
        assertThat(purged.any()).isTrue();
        assertThat(records.cutoffs).containsOnly(NOW.minus(Duration.ofDays(400)));
        assertThat(records.batches).containsOnly(PurgeExpiredRecords.BATCH);
        assertThat(records.ofVerificationCalls).as("three batches, then one that found nothing").isEqualTo(4);
    }

    @Test
    void nothingExpiredIsNothingPurged() {
        assertThat(purge.purge().any()).isFalse();
        assertThat(records.ofVerificationCalls).isEqualTo(1);
    }

    @Test
    void aRetentionMustBePositive() {
        assertThatThrownBy(() -> new PurgeExpiredRecords(records, new MutableClock(NOW), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Answers each call with the next batch's row count, then 0. */
    private static final class BatchedRecords implements ExpiredRecords {

        final Deque<Integer> ofVerifications = new ArrayDeque<>();
        final Deque<Integer> unattached = new ArrayDeque<>();
        final List<Instant> cutoffs = new ArrayList<>();
        final List<Integer> batches = new ArrayList<>();
        int ofVerificationCalls;

        @Override
        public int removeOfVerificationsEndedBefore(Instant endedBefore, int verifications) {
            ofVerificationCalls++;
            cutoffs.add(endedBefore);
            batches.add(verifications);
            return ofVerifications.isEmpty() ? 0 : ofVerifications.pop();
        }

        @Override
        public int removeUnattachedDeliveriesBefore(Instant receivedBefore, int rows) {
            cutoffs.add(receivedBefore);
            batches.add(rows);
            return unattached.isEmpty() ? 0 : unattached.pop();
        }
    }
}
