package com.centralstation.verification.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed number of concurrent senders working through a list. Closed loop (each sender sends its next item when
 * the previous answer came) unless a rate is given; then item i leaves at start + i / rate (open loop), so a slow
 * answer does not slow the arrivals down and latency is not hidden by coordinated omission.
 */
final class Senders {

    interface Send<T> {
        /** @return the HTTP status */
        int send(T item, long sentAtNanos) throws Exception;
    }

    record Outcome(int sent, int failed, long elapsedNanos, List<Integer> statuses) {
        double perSecond() {
            return sent / (elapsedNanos / 1e9);
        }
    }

    private Senders() {
    }

    static <T> Outcome run(int senders, List<T> items, double ratePerSecond, Send<T> send) throws InterruptedException {
        Integer[] statuses = new Integer[items.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                    if (ratePerSecond > 0) {
                        long due = start + (long) (i * 1e9 / ratePerSecond);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    try {
                        statuses[i] = send.send(items.get(i), System.nanoTime());
                    } catch (Exception e) {
                        statuses[i] = -1;
                        if (failed.incrementAndGet() <= 3) {
                            System.out.println("  send failed: " + e);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("senders did not finish");
        }
        return new Outcome(items.size(), failed.get(), System.nanoTime() - start, List.of(statuses));
    }
}
