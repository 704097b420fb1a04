package com.centralstation.verification.workflow.process;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionConflictException;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.ConcurrentChangeException;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The verification workflow behind core's {@link VerificationProcess} port: the only class that
 * starts, correlates into and cancels process instances.
 *
 * <p>{@link #decide} and {@link #cancel} retry optimistic-locking conflicts, which two messages
 * into one instance at once (or a message racing a timer job) produce. A retry only helps outside
 * a transaction: inside one, the failed command has already marked it for rollback, and the conflicts below are
 * handed to the caller as a {@link ConcurrentChangeException}, for its unit of work to run again.
 *
 * <p>On PostgreSQL a message racing a timer job shows two more faces, both retried here too (seen in
 * RestartSafetyIT and ClusterIT): a foreign key violation when the message deletes the scope's executions
 * while the timer job has just committed a new child under it (Camunda counts a foreign key violation as a
 * concurrent modification for inserts and updates only, not for deletes), and ENGINE-03077 when the
 * message's execution lost its parent to the timer job's commit ("perhaps it was deleted in the meantime").
 */
public final class CamundaVerificationProcess implements VerificationProcess {

    static final int DEFAULT_ATTEMPTS = 5;
    /**
     * How long a decision waits for a workflow that is still sending its first notification: a contact can open the
     * link the moment the gateway took the message, seconds before the gateway answers us (its read timeout) and the
     * job reaches "Await contact decision". Beyond it the caller hears "not yet" and may send the decision again.
     */
    static final Duration FIRST_NOTIFICATION_WAIT = Duration.ofSeconds(10);
    /**
     * While it waits, how often a decision looks at the first notification's job: the commit of a job run by this node
     * wakes it at once ({@link FirstNotificationCommits}); one run by another node is seen at the next look.
     */
    static final Duration LOOK_AGAIN_AFTER = Duration.ofSeconds(1);
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    /**
     * PostgreSQL's deadlock (40P01) and serialization failure (40001): a correlation that deletes executions while a
     * job of the same instance deletes or updates them can lose the database's deadlock check; run again, it goes
     * through (RestartSafetyIT met it on a decision right after a node's restart).
     */
    private static final Set<String> RETRIED_SQL_STATES = Set.of(FOREIGN_KEY_VIOLATION, "40P01", "40001");
    private static final String PARENT_DELETED_MEANWHILE = "ENGINE-03077";

    private static final Logger log = LoggerFactory.getLogger(CamundaVerificationProcess.class);

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final FirstNotificationCommits firstNotifications;
    private final int attempts;
    private final Duration firstNotificationWait;
    private final Duration lookAgainAfter;

    public CamundaVerificationProcess(RuntimeService runtimeService, ManagementService managementService,
                                      FirstNotificationCommits firstNotifications) {
        this(runtimeService, managementService, firstNotifications, DEFAULT_ATTEMPTS, FIRST_NOTIFICATION_WAIT,
                LOOK_AGAIN_AFTER);
    }

    public CamundaVerificationProcess(RuntimeService runtimeService, ManagementService managementService,
                                      FirstNotificationCommits firstNotifications, int attempts,
                                      Duration firstNotificationWait, Duration lookAgainAfter) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (lookAgainAfter.isNegative() || lookAgainAfter.isZero()) {
            throw new IllegalArgumentException("lookAgainAfter must be positive, was " + lookAgainAfter);
        }
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.firstNotifications = firstNotifications;
        this.attempts = attempts;
        this.firstNotificationWait = firstNotificationWait;
        this.lookAgainAfter = lookAgainAfter;
    }

    @Override
    public void start(Verification verification) {
        runtimeService.createProcessInstanceByKey(AlarmVerificationModel.PROCESS_KEY)
                .businessKey(verification.id().toString())
                .setVariables(ProcessVariables.atStart(verification))
                .execute();
    }

    /**
     * A workflow whose first notification is still being sent ("Notify first contact" has its job) is waited for, up
     * to {@link #FIRST_NOTIFICATION_WAIT}, and then asked once more. The commit of that job on this node ends the wait
     * at once; a job another node runs is seen by looking at it every {@link #LOOK_AGAIN_AFTER}. The wait is on the
     * caller's thread, outside any transaction.
     */
    @Override
    public Correlation decide(UUID verificationId, ContactDecision decision) {
        if (deliverDecision(verificationId, decision)) {
            return Correlation.ACCEPTED;
        }
        CompletableFuture<Void> committed = firstNotifications.expect(verificationId);
        try {
            if (!sendingFirstNotification(verificationId)) {
                return Correlation.NOT_WAITING;
            }
            if (!firstNotificationSent(verificationId, committed)) {
                return Correlation.NOT_YET_WAITING;
            }
        } finally {
            firstNotifications.forget(verificationId, committed);
        }
        return deliverDecision(verificationId, decision) ? Correlation.ACCEPTED : Correlation.NOT_WAITING;
    }

    /** Whether the first notification's job was done within the wait: signalled by its commit here, or seen gone. */
    private boolean firstNotificationSent(UUID verificationId, CompletableFuture<Void> committed) {
        long giveUpAt = System.nanoTime() + firstNotificationWait.toNanos();
        while (true) {
            long left = giveUpAt - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                committed.get(Math.min(left, lookAgainAfter.toNanos()), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException notHere) {
                if (!sendingFirstNotification(verificationId)) {
                    return true;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException impossible) {
                throw new IllegalStateException("a first notification's commit signal never fails", impossible);
            }
        }
    }

    private boolean deliverDecision(UUID verificationId, ContactDecision decision) {
        return deliver(verificationId, () -> {
            runtimeService.createMessageCorrelation(AlarmVerificationModel.Message.CONTACT_DECISION)
                    .processInstanceBusinessKey(verificationId.toString())
                    .setVariables(ProcessVariables.of(decision))
                    .correlateWithResult();
            return true;
        });
    }

    private boolean sendingFirstNotification(UUID verificationId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(verificationId.toString()).list()
                .stream().anyMatch(instance -> managementService.createJobQuery().processInstanceId(instance.getId())
                        .activityId(AlarmVerificationModel.Activity.NOTIFY_FIRST_CONTACT).count() > 0);
    }

    /**
     * Correlates only while the contact is still the one notified last ({@code lastNotifiedContactId}): checked by the
     * engine in the correlation's own command, so a timer that has just notified the next contact is not overtaken by
     * a late word about the one before.
     */
    @Override
    public boolean contactUnreachable(UUID verificationId, long contactId) {
        return deliver(verificationId, () -> {
            runtimeService.createMessageCorrelation(AlarmVerificationModel.Message.CONTACT_UNREACHABLE)
                    .processInstanceBusinessKey(verificationId.toString())
                    .processInstanceVariableEquals(ProcessVariables.LAST_NOTIFIED_CONTACT_ID, contactId)
                    .setVariable(ProcessVariables.NOTIFICATION_OUTCOME, NotificationOutcome.UNREACHABLE.code())
                    .correlateWithResult();
            return true;
        });
    }

    @Override
    public boolean cancel(UUID verificationId, String reason) {
        // correlateAll: when nothing waits for the message (the instance ended, or a concurrent start is not yet
        // visible), it finds nothing instead of failing inside the caller's transaction, which would mark that
        // transaction rollback-only and turn the webhook's answer into a 500.
        return deliver(verificationId, () -> !runtimeService
                .createMessageCorrelation(AlarmVerificationModel.Message.VERIFICATION_CANCELLED)
                .processInstanceBusinessKey(verificationId.toString())
                .setVariable(ProcessVariables.CANCEL_REASON, reason)
                .correlateAllWithResult().isEmpty());
    }

    private boolean deliver(UUID verificationId, Supplier<Boolean> correlation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return correlation.get();
            } catch (MismatchingMessageCorrelationException notWaiting) {
                return false;
            } catch (OptimisticLockingException conflict) {
                if (attempt >= attempts) {
                    throw conflict;
                }
                log.debug("Verification {} changed while a message was delivered; attempt {} of {}",
                        verificationId, attempt + 1, attempts);
            } catch (RuntimeException failure) {
                if (causedBy(failure, DecisionConflictException.class)) {
                    return false;
                }
                if (concurrentChange(failure) && TransactionSynchronizationManager.isActualTransactionActive()) {
                    // The failed statement spoiled the caller's transaction (PostgreSQL refuses every later statement
                    // of it): only the caller's unit of work, run again whole, can retry (a webhook's cancellation).
                    throw new ConcurrentChangeException("verification " + verificationId + " changed under a message: "
                            + failure.getMessage(), failure);
                }
                if (!concurrentChange(failure) || attempt >= attempts) {
                    throw failure;
                }
                log.debug("Verification {} changed under a message ({}); attempt {} of {}",
                        verificationId, failure.getMessage(), attempt + 1, attempts);
            }
        }
    }

    /**
     * SQLSTATE 23503 (foreign key violation, on PostgreSQL and H2 alike), a deadlock or serialization failure, or a
     * parent deleted meanwhile.
     */
    private static boolean concurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProcessEngineException engine && engine.getMessage() != null
                    && engine.getMessage().startsWith(PARENT_DELETED_MEANWHILE)) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (RETRIED_SQL_STATES.contains(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
