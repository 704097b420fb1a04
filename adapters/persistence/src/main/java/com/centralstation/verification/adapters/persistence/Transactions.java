package com.centralstation.verification.adapters.persistence;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ways our adapters take part in a caller's transaction. */
final class Transactions {

    private Transactions() {
    }

    /**
     * Runs inside the caller's transaction under a savepoint (or in a new transaction when there is
     * none). PostgreSQL aborts the whole transaction on a failed statement; rolling back to the
     * savepoint lets a caller that expects a duplicate key carry on with its own work.
     */
    static TransactionTemplate underSavepoint(PlatformTransactionManager transactionManager) {
        if (transactionManager instanceof AbstractPlatformTransactionManager manager && !manager.isNestedTransactionAllowed()) {
            throw new IllegalStateException("persistence needs a transaction manager that allows nested transactions "
                    + "(savepoints), such as DataSourceTransactionManager; got " + transactionManager.getClass().getName());
        }
        return template(transactionManager, TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Commits on its own, whatever becomes of the caller's transaction. */
    static TransactionTemplate independent(PlatformTransactionManager transactionManager) {
        return template(transactionManager, TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Joins the caller's transaction, or starts one, so several statements stand or fall together. */
    static TransactionTemplate atomic(PlatformTransactionManager transactionManager) {
        return template(transactionManager, TransactionDefinition.PROPAGATION_REQUIRED);
    }

    /** Joins the caller's transaction, or starts a read-only one. */
    static TransactionTemplate readOnly(PlatformTransactionManager transactionManager) {
        TransactionTemplate template = template(transactionManager, TransactionDefinition.PROPAGATION_REQUIRED);
        template.setReadOnly(true);
        return template;
    }

    private static TransactionTemplate template(PlatformTransactionManager transactionManager, int propagation) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setPropagationBehavior(propagation);
        return template;
    }
}
