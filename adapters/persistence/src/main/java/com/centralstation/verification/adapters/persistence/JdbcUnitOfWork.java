package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.port.out.ConcurrentChangeException;
import com.centralstation.verification.core.port.out.UnitOfWork;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * A transaction of the application's transaction manager (the one the engine and the JDBC adapters join), so our
 * rows and the engine's commit together. A transaction a participant marked rollback-only (the engine does on an
 * optimistic-locking conflict, even when its own retry then succeeds) is rolled back at commit: that is a
 * {@link ConcurrentChangeException}.
 */
final class JdbcUnitOfWork implements UnitOfWork {

    private final TransactionTemplate independent;

    JdbcUnitOfWork(TransactionTemplate independent) {
        this.independent = independent;
    }

    @Override
    public <T> T inOneTransaction(Supplier<T> work) {
        try {
            return independent.execute(status -> work.get());
        } catch (UnexpectedRollbackException rolledBack) {
            throw new ConcurrentChangeException("the transaction was rolled back by a concurrent change: "
                    + rolledBack.getMessage(), rolledBack);
        }
    }
}
