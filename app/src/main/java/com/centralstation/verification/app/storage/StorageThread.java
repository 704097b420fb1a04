package com.centralstation.verification.app.storage;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The storage's own threads (the H2 housekeeping, the heartbeat): one daemon thread each, whose round under way is
 * let finish at stop, never interrupted. An interrupt during H2's file I/O closes the file's channel, and with it the
 * database for every session.
 */
final class StorageThread {

    private StorageThread() {
    }

    /** A scheduler on one daemon thread; rounds still waiting for their turn are dropped at stop. */
    static ScheduledThreadPoolExecutor start(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Takes no more rounds and waits at most this long for the one under way; whether it finished. */
    static boolean finish(ExecutorService executor, Duration wait) {
        executor.shutdown();
        try {
            return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
