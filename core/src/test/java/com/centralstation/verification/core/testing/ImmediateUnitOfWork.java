package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.port.out.ConcurrentChangeException;
import com.centralstation.verification.core.port.out.UnitOfWork;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the work at once, without a transaction (the in-memory ports have none). {@link #conflicts} makes the next
 * transactions fail as a concurrent change would, after their work ran; {@link #onConflict} then undoes what the
 * work wrote, as the rollback would, and {@link #onFailure} what a work that threw wrote.
 */
public final class ImmediateUnitOfWork implements UnitOfWork {

    public final AtomicInteger conflicts = new AtomicInteger();
    public final AtomicInteger transactions = new AtomicInteger();
    public volatile Runnable onConflict = () -> { };
    /** Undoes what a work that threw wrote, as the rollback would. */
    public volatile Runnable onFailure = () -> { };

    @Override
    public <T> T inOneTransaction(Supplier<T> work) {
        transactions.incrementAndGet();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException failed) {
            onFailure.run();
            throw failed;
        }
        if (conflicts.getAndUpdate(left -> Math.max(left - 1, 0)) > 0) {
            onConflict.run();
            throw new ConcurrentChangeException("rolled back by a concurrent change (test)", null);
        }
        return result;
    }
}
