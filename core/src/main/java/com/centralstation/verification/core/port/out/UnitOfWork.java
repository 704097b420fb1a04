package com.centralstation.verification.core.port.out;

import java.util.function.Supplier;

/**
 * A transaction around several ports' writes, for a use case whose steps must commit together or not at all (the
 * intake's inbox row, verification row and process start).
 */
public interface UnitOfWork {

    /**
     * Runs {@code work} in a transaction of its own: commits it when the work returns, rolls it back when it throws
     * (and rethrows).
     *
     * @throws ConcurrentChangeException when the work returned but a concurrent change had already condemned the
     *         transaction, so nothing of it was committed; the same work may succeed in a fresh one
     */
    <T> T inOneTransaction(Supplier<T> work);
}
