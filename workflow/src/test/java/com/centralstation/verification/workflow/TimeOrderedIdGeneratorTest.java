package com.centralstation.verification.workflow;

import com.centralstation.verification.workflow.engine.TimeOrderedIdGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine's indexes rely on: ids that sort by creation and never repeat, also across threads. */
class TimeOrderedIdGeneratorTest {

    private final TimeOrderedIdGenerator ids = new TimeOrderedIdGenerator();

    @Test
    void idsSortInTheOrderTheyWereMadeEvenWithinOneMillisecond() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            made.add(ids.getNextId());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void idsAreVersion7UuidsThatFitTheEnginesColumns() {
        String id = ids.getNextId();

        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        assertThat(id).hasSize(36);
    }

    @Test
    void idsMadeOnManyThreadsAreUnique() throws InterruptedException {
        List<String> made = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    made.add(ids.getNextId());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(new HashSet<>(made)).hasSize(40_000);
    }
}
