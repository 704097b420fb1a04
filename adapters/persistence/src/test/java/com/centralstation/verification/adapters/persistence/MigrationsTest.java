package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.AuditChainCheck;
import com.centralstation.verification.core.port.out.AuditTrail;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    private static final List<String> OUR_TABLES = List.of("verification", "notified_contact", "audit_event", "call_list",
            "call_list_entry", "webhook_delivery", "notification_attempt", "response_token", "phone_call");

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migrateAnEmptyDatabaseOnceAndOnlyOnce(Engine engine) {
        try (TestDatabase database = TestDatabase.fresh(engine)) {
            MigrateResult first = database.migrate();
            MigrateResult second = database.migrate();

            assertThat(first.success).isTrue();
            assertThat(first.migrations).extracting(m -> m.version).containsExactly("1", "2", "3", "4", "5", "6", "7", "11");
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
            assertThat(result.migrations).extracting(m -> m.version).containsExactly("1", "2", "3", "4", "5", "6", "7", "11");
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
            AuditTrail trail = new PersistenceConfiguration().jdbcAuditTrail(database.dataSource(),
                    database.transactionManager());

            AuditChainCheck check = trail.checkChain(verificationId);
            assertThat(check.verifies()).as("%s", check).isTrue();
            assertThat(check.rowsChecked()).isEqualTo(3);
            assertThat(database.jdbc().queryForList("SELECT type FROM audit_event ORDER BY chain_position", String.class))
                    .containsExactly("VERIFICATION_RECEIVED", "CONTACT_NOTIFIED", "DECISION_RECEIVED");
        }
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
