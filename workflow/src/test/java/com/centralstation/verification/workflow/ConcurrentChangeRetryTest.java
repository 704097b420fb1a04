package com.centralstation.verification.workflow;

import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.ConcurrentChangeException;
import com.centralstation.verification.core.port.out.VerificationProcess.Correlation;
import com.centralstation.verification.workflow.process.CamundaVerificationProcess;
import com.centralstation.verification.workflow.process.FirstNotificationCommits;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The failures PostgreSQL produces when a decision races a timer job on the same verification, which Camunda
 * passes on as plain engine errors rather than optimistic-locking conflicts (seen in RestartSafetyIT and
 * ClusterIT on PostgreSQL): a foreign key violation when the decision deletes the contacts' scope just after
 * the timer job added an execution under it, and ENGINE-03077 when the decision's execution lost its parent.
 * They are conflicts like any other, retried; other persistence errors are not. The race itself is
 * timing-dependent; here the engine's answer is played back so each path runs every time.
 */
class ConcurrentChangeRetryTest {

    private final RuntimeService runtime = mock(RuntimeService.class);
    private final MessageCorrelationBuilder correlation = mock(MessageCorrelationBuilder.class);
    private final CamundaVerificationProcess process = new CamundaVerificationProcess(runtime,
            mock(ManagementService.class), new FirstNotificationCommits(), 3, Duration.ZERO, Duration.ofSeconds(1));
    private final ContactDecision decision = new ContactDecision(67890, VerificationAction.DISPATCH,
            Instant.parse("2026-05-26T10:22:05Z"), DecisionSource.STATION_API);

    @BeforeEach
    void correlationBuilder() {
        when(runtime.createMessageCorrelation(anyString())).thenReturn(correlation);
        when(correlation.processInstanceBusinessKey(anyString())).thenReturn(correlation);
        when(correlation.setVariables(anyMap())).thenReturn(correlation);
    }

    @Test
    void aForeignKeyConflictIsRetriedAndTheDecisionDelivered() {
        when(correlation.correlateWithResult()).thenThrow(postgresForeignKeyViolationOnDelete()).thenReturn(null);

        assertThat(process.decide(UUID.randomUUID(), decision)).isEqualTo(Correlation.ACCEPTED);
        verify(correlation, times(2)).correlateWithResult();
    }

    @Test
    void anExecutionWhoseParentATimerJobJustDeletedIsRetried() {
        when(correlation.correlateWithResult()).thenThrow(new ProcessEngineException("ENGINE-03077 Cannot resolve parent with id"
                + " 'dc655eaf' of execution 'ccca0239', perhaps it was deleted in the meantime")).thenReturn(null);

        assertThat(process.decide(UUID.randomUUID(), decision)).isEqualTo(Correlation.ACCEPTED);
        verify(correlation, times(2)).correlateWithResult();
    }

    @Test
    void aDeadlockWithAJobOfTheSameInstanceIsRetriedAndTheDecisionDelivered() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 delete from ACT_RU_EXECUTION ... was aborted:"
                + " ERROR: deadlock detected", "40P01", new int[0]);
        batch.setNextException(new SQLException("ERROR: deadlock detected", "40P01"));
        when(correlation.correlateWithResult()).thenThrow(new ProcessEnginePersistenceException(
                "An exception occurred in the persistence layer.", new ProcessEngineException("ENGINE-03083 flush failed", batch)))
                .thenReturn(null);

        assertThat(process.decide(UUID.randomUUID(), decision)).isEqualTo(Correlation.ACCEPTED);
        verify(correlation, times(2)).correlateWithResult();
    }

    @Test
    void aConflictThatOutlastsTheAttemptsReachesTheCaller() {
        when(correlation.correlateWithResult()).thenThrow(postgresForeignKeyViolationOnDelete());

        assertThatThrownBy(() -> process.decide(UUID.randomUUID(), decision)).isInstanceOf(ProcessEnginePersistenceException.class);
        verify(correlation, times(3)).correlateWithResult();
    }

    @Test
    void aConflictInsideTheCallersTransactionGoesToItsUnitOfWorkWithoutARetryInPlace() {
        when(correlation.setVariable(anyString(), any())).thenReturn(correlation);
        when(correlation.correlateAllWithResult()).thenThrow(postgresForeignKeyViolationOnDelete());
        // A webhook's cancellation runs in the intake's transaction, which the failed statement has spoiled.
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThatThrownBy(() -> process.cancel(UUID.randomUUID(), "cancelled by CHeKT"))
                    .isInstanceOf(ConcurrentChangeException.class)
                    .hasCauseInstanceOf(ProcessEnginePersistenceException.class);
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
        verify(correlation, times(1)).correlateAllWithResult();
    }

    @Test
    void otherPersistenceErrorsAreNotRetried() {
        when(correlation.correlateWithResult()).thenThrow(new ProcessEnginePersistenceException("An exception occurred in the persistence layer.",
                new ProcessEngineException("flush failed", new SQLException("value too long", "22001"))));

        assertThatThrownBy(() -> process.decide(UUID.randomUUID(), decision)).isInstanceOf(ProcessEnginePersistenceException.class);
        verify(correlation, times(1)).correlateWithResult();
    }

    /** Shaped as the engine threw it: the SQLSTATE sits on the batch's next exception. */
    private static ProcessEnginePersistenceException postgresForeignKeyViolationOnDelete() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 delete from ACT_RU_EXECUTION ... was aborted", "23503", new int[0]);
        batch.setNextException(new SQLException("update or delete on table \"act_ru_execution\" violates foreign key constraint"
                + " \"act_fk_exe_parent\"", "23503"));
        return new ProcessEnginePersistenceException("An exception occurred in the persistence layer.", new ProcessEngineException("ENGINE-03004 DELETE ExecutionEntity failed", batch));
    }
}
