package com.centralstation.verification.adapters.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the same kind of work on several threads at one signal, and collects what each got. */
final class Race {

    private Race() {
    }

    /** What one contender got: a value, or the exception it threw. */
    record Result<T>(T value, Throwable failure) {

        boolean failed() {
            return failure != null;
        }
    }

    /**
     * Waits, inside a contender, for the test's signal (at most 20 s, asserted): a contender that holds a lock until
     * the test lets it go.
     */
    static void awaitSignal(CountDownLatch signal) {
        try {
            assertThat(signal.await(20, TimeUnit.SECONDS)).as("the test's signal within 20 s").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <T> List<Result<T>> run(int contenders, IntFunction<Callable<T>> contender) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch ready = new CountDownLatch(contenders);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                Callable<T> work = contender.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            if (!ready.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("contenders did not start");
            }
            go.countDown();
            List<Result<T>> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(new Result<>(future.get(30, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    results.add(new Result<>(null, e.getCause()));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("a contender hung", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
