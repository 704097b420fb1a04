package com.centralstation.verification.workflow.engine;

import org.camunda.bpm.engine.ProcessEngineException;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.transaction.TransactionSystemException;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures say "the database cannot store anything just now", wherever they are wrapped. */
class StorageFailureTest {

    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "53100 | disk full",
            "53200 | database out of resources (SQLSTATE 53200)",
            "53300 | database out of resources (SQLSTATE 53300)",
            "58030 | database I/O error",
            "25006 | database refuses writes (read-only)",
            "08006 | database unreachable (SQLSTATE 08006)",
            "57P01 | database unreachable (SQLSTATE 57P01)"})
    void postgresqlStatesOfAnUnavailableDatabaseAreStorageFailures(String state, String cause) {
        SQLException postgres = new SQLException("ERROR: refused", state);

        assertThat(StorageFailure.in(new ProcessEngineException("wrapped by the engine", postgres)))
                .hasValue(new StorageFailure(cause));
    }

    @ParameterizedTest(name = "H2 {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "90098 | database closed after a failed write",
            "90028 | database file cannot be written",
            "90097 | database refuses writes (read-only)",
            "8000  | database cannot be opened"})
    void h2CodesOfAnUnusableFileAreStorageFailures(int code, String cause) {
        SQLException h2 = new SQLException("H2 says no [" + code + "-232]", String.format("%05d", code), code);

        assertThat(StorageFailure.in(new RuntimeException(h2))).hasValue(new StorageFailure(cause));
    }

    @Test
    void aWriteRefusedForLackOfSpaceIsADiskFullWhateverTheCodeAbove() {
        IOException enospc = new IOException("No space left on device");
        MVStoreException writing = new MVStoreException(2, "Writing to /data/db.mv.db failed; length 4096 at 0 [2.3.232/2]");
        writing.initCause(enospc);
        SQLException h2 = new SQLException("IO Exception: ... [90028-232]", "90028", 90028, writing);
        SQLException closedLater = new SQLException("Database is already closed [90098-232]", "90098", 90098,
                new MVStoreException(4, "This store is closed [2.3.232/4]").initCause(writing));

        assertThat(StorageFailure.in(new ProcessEngineException(h2))).hasValue(new StorageFailure(StorageFailure.DISK_FULL));
        assertThat(StorageFailure.in(closedLater)).hasValueSatisfying(failure -> assertThat(failure.diskFull()).isTrue());
    }

    @Test
    void anMvStoreFailureOutsideJdbcIsReadFromItsCode() {
        assertThat(StorageFailure.in(new MVStoreException(4, "This store is closed [2.3.232/4]")))
                .hasValue(new StorageFailure("database closed after a failed write"));
        assertThat(StorageFailure.in(new MVStoreException(8, "Serialization failed [2.3.232/8]"))).isEmpty();
    }

    @Test
    void aBatchNamesItsRealFailureInItsNextException() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, new int[0]);
        batch.setNextException(new SQLException("could not extend file: No space left on device", "53100"));

        assertThat(StorageFailure.in(new RuntimeException(batch))).hasValue(new StorageFailure(StorageFailure.DISK_FULL));
    }

    @Test
    void aRollbackThatFailsOnAConnectionThePoolClosedStillNamesTheFailureItWasFor() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalStateException("the intake failed",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));

        assertThat(StorageFailure.in(rollback)).hasValue(new StorageFailure("database unreachable (SQLSTATE 57P01)"));
        assertThat(StorageFailure.in(new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"))))
                .as("without the failure it was for").isEmpty();
    }

    @Test
    void aSuppressedStorageFailureCounts() {
        IllegalStateException closing = new IllegalStateException("could not close the command context");
        closing.addSuppressed(new SQLException("ERROR: cannot execute UPDATE in a read-only transaction", "25006"));

        assertThat(StorageFailure.in(closing)).hasValue(new StorageFailure("database refuses writes (read-only)"));
    }

    @Test
    void aStatementThatIsWrongIsNotAStorageFailure() {
        assertThat(StorageFailure.in(new SQLException("duplicate key value", "23505"))).isEmpty();
        assertThat(StorageFailure.in(new SQLException("Unique index or primary key violation [23505-232]", "23505", 23505)))
                .isEmpty();
        assertThat(StorageFailure.in(new SQLException("canceling statement due to lock timeout", "55P03"))).isEmpty();
        assertThat(StorageFailure.in(new SQLException("Connection is not available, request timed out after 10000ms")))
                .as("a pool that is only busy").isEmpty();
    }

    @Test
    void anIoFailureOutsideTheDatabaseIsNotAStorageFailure() {
        assertThat(StorageFailure.in(new RuntimeException("CHeKT did not answer", new SocketTimeoutException("Read timed out"))))
                .isEmpty();
        assertThat(StorageFailure.in(new IllegalStateException(new IOException("No space left on device"))))
                .as("a full disk outside the database (a channel's temp file) is the caller's failure").isEmpty();
        assertThat(StorageFailure.in(new IllegalStateException("no cause at all"))).isEmpty();
    }
}
