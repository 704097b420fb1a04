package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.AuditChainCheck;
import com.centralstation.verification.core.port.out.AuditTrail;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    private static final List<String> OUR_TABLES = List.of("verification", "notified_contact", "audit_event", "call_list",
            "call_list_entry", "webhook_delivery", "notification_attempt", "response_token", "phone_call",
            "node_heartbeat", "operator_task");

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migrateAnEmptyDatabaseOnceAndOnlyOnce(Engine engine) {
        try (TestDatabase database = TestDatabase.fresh(engine)) {
            MigrateResult first = database.migrate();
            MigrateResult second = database.migrate();

            assertThat(first.success).isTrue();
            assertThat(first.migrations).extracting(m -> m.version).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15");
            assertThat(second.migrationsExecuted).isZero();
            assertThat(tablesOf(database)).containsAll(OUR_TABLES);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migrateASchemaWhereCamundaCreatedItsTablesFirst(Engine engine) {
        try (TestDatabase database = TestDatabase.fresh(engine)) {
            database.jdbc().execute("CREATE TABLE ACT_GE_PROPERTY (NAME_ VARCHAR(64) PRIMARY KEY, VALUE_ VARCHAR(300))");
            database.jdbc().update("INSERT INTO ACT_GE_PROPERTY VALUES ('schema.version', '7.24.0')");

            MigrateResult result = database.migrate();

            assertThat(result.success).isTrue();
            assertThat(result.migrations).extracting(m -> m.version).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15");
            assertThat(tablesOf(database)).containsAll(OUR_TABLES).contains("act_ge_property");
            assertThat(database.count("SELECT COUNT(*) FROM ACT_GE_PROPERTY")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void auditRowsWrittenBeforeTheHashChainAreChainedAtStartUpInTheOrderTheyWereWritten(Engine engine) {
        try (TestDatabase database = TestDatabase.fresh(engine)) {
            database.migrateTo("2");
            UUID verificationId = UUID.randomUUID();
            for (String type : List.of("VERIFICATION_RECEIVED", "CONTACT_NOTIFIED", "DECISION_RECEIVED")) {
                database.jdbc().update("INSERT INTO audit_event (verification_id, occurred_at, type, actor, details)"
                                + " VALUES (?, ?, ?, 'engine', '{}')",
                        verificationId, OffsetDateTime.parse("2026-05-26T10:21:34Z"), type);
            }

            database.migrate();
            AuditTrail trail = startUp(database);

            AuditChainCheck check = trail.checkChain(verificationId);
            assertThat(check.verifies()).as("%s", check).isTrue();
            assertThat(check.rowsChecked()).isEqualTo(3);
            assertThat(database.jdbc().queryForList("SELECT type FROM audit_event ORDER BY chain_position", String.class))
                    .containsExactly("VERIFICATION_RECEIVED", "CONTACT_NOTIFIED", "DECISION_RECEIVED");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void contactsNotifiedBeforeTheDeliveryWasRecordedReadAsDeliveredOrFailed(Engine engine) {
        try (TestDatabase database = TestDatabase.fresh(engine)) {
            database.migrateTo("7");
            UUID verificationId = UUID.randomUUID();
            OffsetDateTime at = OffsetDateTime.parse("2026-05-26T10:21:34Z");
            database.jdbc().update("""
                    INSERT INTO verification (verification_id, dealer_id, site_id, alarm_verification_id, alarm_trigger,
                        alarm_priority, call_list, received_at, state, updated_at)
                    VALUES (?, 'd', 's', 1, 'motion', 'HIGH', '[]', ?, 'OPEN', ?)
                    """, verificationId, at, at);
            database.jdbc().update("INSERT INTO notified_contact VALUES (?, 1, 67890, ?, TRUE)", verificationId, at);
            database.jdbc().update("INSERT INTO notified_contact VALUES (?, 2, 67891, ?, FALSE)", verificationId, at);

            database.migrate();

            assertThat(database.jdbc().queryForList("SELECT delivery FROM notified_contact ORDER BY position", String.class))
                    .containsExactly("delivered", "failed");
            assertThat(database.count("SELECT COUNT(*) FROM notification_attempt WHERE unconfirmed")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void chainsSealedBeforeTheKeyAreVerifiedAndReSealedWithItOnceAtStartUp(Engine engine) {
        try (TestDatabase database = TestDatabase.fresh(engine)) {
            database.migrateTo("7");
            UUID intact = UUID.randomUUID();
            UUID edited = UUID.randomUUID();
            sealUnkeyed(database, intact, List.of("VERIFICATION_RECEIVED", "CONTACT_NOTIFIED", "DECISION_RECEIVED"));
            sealUnkeyed(database, edited, List.of("VERIFICATION_RECEIVED", "DECISION_RECEIVED"));
            database.jdbc().update("UPDATE audit_event SET actor = 'someone-else' WHERE verification_id = ? AND chain_position = 1",
                    edited);

            database.migrate();
            AuditTrail trail = startUp(database);
            startUp(database);

            AuditChainCheck rekeyed = trail.checkChain(intact);
            assertThat(rekeyed.verifies()).as("%s", rekeyed).isTrue();
            assertThat(rekeyed.rekeyedAt()).isPresent();
            assertThat(trail.checkChain(edited).firstTampered()).get().extracting(AuditChainCheck.TamperedRow::position)
                    .isEqualTo(1L);
            assertThat(database.jdbc().queryForList("SELECT rows_rekeyed FROM audit_chain_rekeyed WHERE unkeyed_verified"
                    + " AND verification_id = ?", Integer.class, intact)).containsExactly(3);
            assertThat(database.count("SELECT COUNT(*) FROM audit_chain_rekeyed WHERE NOT unkeyed_verified AND verification_id = ?",
                    edited)).isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM audit_chain_rekey_pending")).as("done once").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aChainCheckedWithAnotherKeyDoesNotVerify(Engine engine) {
        try (TestDatabase database = TestDatabase.fresh(engine)) {
            database.migrate();
            UUID verificationId = UUID.randomUUID();
            database.jdbc().update("INSERT INTO audit_event (verification_id, occurred_at, type, actor, details)"
                    + " VALUES (?, ?, 'VERIFICATION_RECEIVED', 'engine', '{}')", verificationId, OffsetDateTime.parse("2026-05-26T10:21:34Z"));
            startUp(database);

            AuditTrail withAnotherKey = new PersistenceConfiguration().jdbcAuditTrail(database.dataSource(),
                    database.transactionManager(), new AuditChainProperties("another-key-of-at-least-32-characters"),
                    Clock.systemUTC());

            assertThat(withAnotherKey.checkChain(verificationId).firstTampered()).isPresent();
        }
    }

    /** What the service did before the chain had a key: SHA-256 over the previous hash and the row, in order. */
    private static void sealUnkeyed(TestDatabase database, UUID verificationId, List<String> types) {
        String previous = null;
        Instant at = Instant.parse("2026-05-26T10:21:34Z");
        for (int position = 1; position <= types.size(); position++) {
            String hash = AuditRowHash.unkeyed(previous, verificationId, at, types.get(position - 1), "engine", "{}");
            database.jdbc().update("INSERT INTO audit_event (verification_id, occurred_at, type, actor, details, chain_position,"
                            + " previous_hash, row_hash) VALUES (?, ?, ?, 'engine', '{}', ?, ?, ?)",
                    verificationId, at.atOffset(ZoneOffset.UTC), types.get(position - 1), position, previous, hash);
            previous = hash;
        }
    }

    private static AuditTrail startUp(TestDatabase database) {
        return new PersistenceConfiguration().jdbcAuditTrail(database.dataSource(), database.transactionManager(),
                new AuditChainProperties(DatabaseContract.CHAIN_KEY), Clock.systemUTC());
    }

    private static List<String> tablesOf(TestDatabase database) {
        return database.jdbc().queryForList("""
                        SELECT table_name FROM information_schema.tables
                         WHERE lower(table_schema) IN ('public')
                        """, String.class).stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .toList();
    }
}
