package com.centralstation.verification.app.dryrun;

import com.centralstation.verification.adapters.persistence.AuditChainProperties;
import com.centralstation.verification.adapters.persistence.PersistenceConfiguration;
import com.centralstation.verification.app.testing.SlowScenario;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CandidatePolicy;
import com.centralstation.verification.core.usecase.DryRunPolicy;
import com.centralstation.verification.workflow.process.CamundaCandidatePolicies;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A year of a busy station's escalation steps, a million of them, replayed by the policy dry run in a JVM of 512 MB
 * (its own surefire execution, {@code -Xmx512m}): the steps stream past, nothing holds them all. The rows are written
 * with plain JDBC batches into an H2 file, as the service keeps them, and read back through the service's own adapter,
 * candidate reader and use case.
 */
@SlowScenario
@EnabledIfSystemProperty(named = MillionStepDryRunTest.HEAP, matches = "512m",
        disabledReason = "runs in its own JVM of 512 MB: surefire execution dry-run-in-512m")
class MillionStepDryRunTest {

    /** Set by the surefire execution that starts the JVM with that heap. */
    static final String HEAP = "dry-run.heap";


    private static final Logger log = LoggerFactory.getLogger(MillionStepDryRunTest.class);
    private static final int VERIFICATIONS = 250_000;
    private static final String[] STEPS = {"intake", "initial", "2min", "5min"};
    private static final String[] TRIGGERS = {"motion", "door-forced", "glass-break", "fire"};
    private static final String WAIT_FIRST_ALERT = "<outputEntry id=\"LiteralExpression_WaitFirst_Alert\"><text>false</text></outputEntry>";

    @TempDir
    Path dataDir;

    @Test
    void aMillionRecordedStepsAreReplayedInAHalfGigabyteHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx512m (surefire execution dry-run-in-512m)")
                .isLessThanOrEqualTo(512L * 1024 * 1024);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("steps") + ";CACHE_SIZE=16384;LOCK_TIMEOUT=10000");
        pool.setUsername("sa");
        pool.setMaximumPoolSize(4);
        try (HikariDataSource database = new HikariDataSource(pool)) {
            FluentConfiguration flyway = Flyway.configure().dataSource(database).locations(PersistenceConfiguration.MIGRATIONS);
            new PersistenceConfiguration().migrationsBesideCamunda().customize(flyway);
            flyway.load().migrate();
            Instant now = Instant.parse("2026-05-26T10:00:00Z");
            CandidatePolicy shipped = new CamundaCandidatePolicies().read(shippedPolicy().getBytes(StandardCharsets.UTF_8));
            long written = System.nanoTime();
            int alertsAdded = writeSteps(database, now, shipped);
            Duration writing = Duration.ofNanos(System.nanoTime() - written);
            AuditTrail audit = new PersistenceConfiguration().jdbcAuditTrail(database, new JdbcTransactionManager(database),
                    new AuditChainProperties("million-step-test-chain-key-0123456789"), Clock.fixed(now, ZoneOffset.UTC));
            DryRunPolicy dryRun = new DryRunPolicy(new CamundaCandidatePolicies(), audit, Clock.fixed(now, ZoneOffset.UTC), 1_000_000);
            byte[] candidate = shippedPolicy().replace(WAIT_FIRST_ALERT, WAIT_FIRST_ALERT.replace("false", "true"))
                    .getBytes(StandardCharsets.UTF_8);
            resetPeaks();

            long started = System.nanoTime();
            DryRunPolicy.Report report = dryRun.dryRun(candidate, DryRunPolicy.Window.lastDays(366), new DryRunPolicy.Page(0, 100));
            Duration replaying = Duration.ofNanos(System.nanoTime() - started);

            log.info("million-step dry run: {} rows written in {}, replayed in {}, peak heap {} MB of {} MB",
                    VERIFICATIONS * STEPS.length, writing, replaying, peakHeapMegabytes(), Runtime.getRuntime().maxMemory() >> 20);
            assertThat(report.complete()).isTrue();
            assertThat(report.stepsReplayed()).isEqualTo(1_000_000);
            assertThat(report.verificationsReplayed()).isEqualTo(VERIFICATIONS);
            assertThat(report.stepsChanged()).as("the steps the changed rule answered now alert").isEqualTo(alertsAdded)
                    .isGreaterThan(VERIFICATIONS / 2);
            assertThat(report.verificationsAffected()).isEqualTo(alertsAdded);
            assertThat(report.changedOnPage()).hasSize(100).allSatisfy(step -> {
                assertThat(step.candidateRule()).isEqualTo("Rule_WaitForFirstContact");
                assertThat(step.candidateAdvice()).containsEntry("alertOperator", "true");
            });
            assertThat(report.ruleHits().get("Rule_WaitForFirstContact")).isEqualTo(alertsAdded);
        }
    }

    /**
     * Four steps for each verification, spread over the last 300 days, written in batches of 10,000, each with the
     * advice the shipped policy gives its inputs (as the process recorded it).
     *
     * @return how many of them the shipped policy answered with the rule the candidate changes
     */
    private static int writeSteps(HikariDataSource database, Instant now, CandidatePolicy shipped) throws SQLException {
        int changedRule = 0;
        // sixteen combinations of inputs: the shipped policy answers each once
        Map<Map<String, String>, CandidatePolicy.Answer> answers = new HashMap<>();
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO audit_event (verification_id, occurred_at, type, actor, details, chain_position, previous_hash, row_hash)
                     VALUES (?, ?, 'POLICY_APPLIED', 'engine', ?, ?, NULL, ?)
                     """)) {
            connection.setAutoCommit(false);
            String hash = "0".repeat(64);
            for (int v = 0; v < VERIFICATIONS; v++) {
                UUID verification = new UUID(0x5e1ec7ed00000000L, v);
                Instant received = now.minus(Duration.ofDays(300)).plusSeconds(v * 100L);
                String trigger = TRIGGERS[v % TRIGGERS.length];
                for (int s = 0; s < STEPS.length; s++) {
                    Map<String, String> inputs = inputs(STEPS[s], trigger, s);
                    CandidatePolicy.Answer advice = answers.computeIfAbsent(inputs, shipped::evaluate);
                    if (advice.rule().filter("Rule_WaitForFirstContact"::equals).isPresent()) {
                        changedRule++;
                    }
                    insert.setObject(1, verification);
                    insert.setObject(2, received.plusSeconds(s * 60L).atOffset(ZoneOffset.UTC));
                    insert.setString(3, details(STEPS[s], inputs, advice));
                    insert.setInt(4, s + 1);
                    insert.setString(5, hash);
                    insert.addBatch();
                }
                if (v % 2_500 == 2_499) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        return changedRule;
    }

    private static Map<String, String> inputs(String step, String trigger, int index) {
        return Map.of("escalationStep", step, "trigger", trigger, "priority", "HIGH",
                "alarmClass", trigger.equals("fire") ? "life-safety" : "normal",
                "contactsNotified", String.valueOf(Math.min(index, 3)), "contactsLeft", String.valueOf(2 - Math.min(index, 2)));
    }

    /** A step as the service records it, keys sorted: the policy's inputs and its advice. */
    private static String details(String step, Map<String, String> inputs, CandidatePolicy.Answer advice) {
        Map<String, String> details = new TreeMap<>(advice.advice());
        inputs.forEach((name, value) -> details.put("input." + name, value));
        details.put("step", step);
        StringBuilder json = new StringBuilder("{");
        details.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":\"")
                .append(value).append('"'));
        return json.append('}').toString();
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }

    private static String shippedPolicy() throws IOException {
        try (InputStream dmn = MillionStepDryRunTest.class.getClassLoader().getResourceAsStream("escalation-policy.dmn")) {
            return new String(dmn.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
