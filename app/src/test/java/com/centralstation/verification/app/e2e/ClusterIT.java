package com.centralstation.verification.app.e2e;

import com.centralstation.verification.adapters.persistence.testing.TestPostgres;
import com.centralstation.verification.app.testing.SlowScenario;
import com.centralstation.verification.app.testing.TestAlarm;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.centralstation.verification.app.e2e.RestartSafetyIT.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster: two processes of the packaged service on one PostgreSQL, sharing nothing else. Verifications come
 * in through both, as a load balancer would spread them; node A is killed (SIGKILL) while every escalation
 * ladder is running and while its PATCHes to CHeKT are in flight. Node B fires the remaining timers, takes
 * over A's interrupted jobs once their locks expire (within the lock time of the kill, plus one acquisition poll and
 * the job's run), and every verification is submitted with exactly one decision accepted by CHeKT.
 */
@SlowScenario
class ClusterIT {

    private static final long ANN = 67890;
    private static final long CHO = 67892;
    private static final int VERIFICATIONS = 300;
    /** Decided by the first contact before the kill: their submissions are what A has in flight. */
    private static final int DECIDED_BEFORE_THE_KILL = 60;
    private static final Duration DISPATCH_DELAY = Duration.ofMillis(2000);
    private static final Duration DISREGARD_DELAY = Duration.ofMillis(100);
    /**
     * The lock time at the scale of the compressed timers, with every wait a job may make shortened to fit under it
     * (the service refuses a lock time below its longest job): CHeKT 2 x (4 x 0.5 s + 3 x 4 s) = 28 s, plus a pooled
     * connection (3 s) and a row lock (3 s), 34 s in all. CHeKT's read timeout stays well above the PATCH's delay
     * here, so that a loaded build machine does not turn answers into timeouts.
     */
    private static final Duration LOCK_TIME = Duration.ofSeconds(35);
    /** The idle job executor's longest poll (application.yml's max-wait). */
    private static final Duration ACQUISITION_POLL = Duration.ofSeconds(1);
    private static final Map<String, String> COMPRESSED = Map.of(
            "verification.escalation.first", "PT10S",
            "verification.escalation.second", "PT20S",
            "verification.escalation.third", "PT30S",
            "camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_TIME.toMillis()),
            "chekt.connect-timeout", "500ms",
            "chekt.read-timeout", "4s",
            "spring.datasource.hikari.connection-timeout", "3000",
            "spring.datasource.hikari.data-source-properties.options", "-c lock_timeout=3s");

    @Test
    void theSurvivorFiresTheRemainingTimersAndSubmitsEveryVerificationExactlyOnce() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        try (ChektDouble chekt = new ChektDouble(DISPATCH_DELAY, DISREGARD_DELAY);
             ServiceNode a = node("node-a", chekt, database);
             ServiceNode b = node("node-b", chekt, database);
             HikariDataSource dataSource = dataSource(database)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            // One after the other: the first creates Camunda's schema, which two at once would race to do.
            Duration startA = a.start();
            Duration startB = b.start();
            List<ServiceNode> both = List.of(a, b);

            List<TestAlarm> all = IntStream.range(0, VERIFICATIONS).mapToObj(i -> TestAlarm.onContractSite("motion")).toList();
            List<TestAlarm> decidedEarly = all.subList(0, DECIDED_BEFORE_THE_KILL);
            List<TestAlarm> escalating = all.subList(DECIDED_BEFORE_THE_KILL, VERIFICATIONS);
            // The ones decided early come in first, and are decided once every ladder has started.
            assertThat(roundRobin(decidedEarly, both, ServiceNode::deliver)).as("webhook answers").containsOnly(202);
            await().atMost(Duration.ofSeconds(120)).until(() -> notified(jdbc, decidedEarly) == decidedEarly.size());
            assertThat(roundRobin(escalating, both, ServiceNode::deliver)).as("webhook answers").containsOnly(202);
            await().atMost(Duration.ofSeconds(120)).until(() -> notified(jdbc, all) == VERIFICATIONS);
            assertThat(roundRobin(decidedEarly, both, (node, alarm) -> node.decide(alarm.verificationId(), ANN, "dispatch")))
                    .as("decision answers").containsOnly(202);
            // Kill A while its PATCHes wait for CHeKT's (delayed) answer: right after one has arrived.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> chekt.justReceivedFrom("node-a"));
            Instant killedAt = Instant.now();
            a.kill();
            List<ChektDouble.Patch> beforeKill = chekt.patches();
            Map<Integer, Long> ladderAtKill = escalationStepsBefore(killedAt, jdbc, escalating);
            long notifiedByA = a.logLines("Notified contact");
            long notifiedByBBeforeKill = notificationsBefore(killedAt, b);

            // A's jobs were locked before the kill, so their locks expire within the lock time of it; the survivor
            // polls at least once a second and then runs each in at most its PATCH's answer time.
            Duration takeoverBound = LOCK_TIME.plus(ACQUISITION_POLL).plus(DISPATCH_DELAY).plus(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(120)).until(() -> submitted(jdbc, decidedEarly) == decidedEarly.size());
            Duration interruptedSubmissionsDone = Duration.between(killedAt, Instant.now());
            assertThat(interruptedSubmissionsDone).as("kill to A's interrupted submissions done by B")
                    .isLessThanOrEqualTo(takeoverBound);
            await().atMost(Duration.ofSeconds(120)).until(() -> count(jdbc, "SELECT COUNT(DISTINCT verification_id)"
                    + " FROM audit_event WHERE type = 'ESCALATED' AND details LIKE '%\"step\":\"10min\"%'") >= escalating.size());
            Duration laddersDone = Duration.between(killedAt, Instant.now());
            assertThat(roundRobin(escalating, List.of(b), (node, alarm) -> node.decide(alarm.verificationId(), CHO, "disregard")))
                    .as("decision answers from the survivor").containsOnly(202);
            await().atMost(Duration.ofSeconds(120)).until(() -> submitted(jdbc, all) == VERIFICATIONS);
            Duration allSubmitted = Duration.between(killedAt, Instant.now());

            Map<Integer, Long> requestsPerVerification = chekt.assertOneAcceptedDecisionEach(all);
            assertThat(perVerification(jdbc, "SELECT verification_id, COUNT(*) FROM audit_event"
                    + " WHERE type = 'DECISION_SUBMITTED' GROUP BY verification_id"))
                    .as("decision_submitted audited once per verification")
                    .hasSize(VERIFICATIONS).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
            assertEachStepOnce(jdbc, escalating);
            int stepsAfterKill = count(jdbc, "SELECT COUNT(*) FROM audit_event WHERE type = 'ESCALATED' AND occurred_at > ?",
                    OffsetDateTime.ofInstant(killedAt, ZoneOffset.UTC));
            assertThat(stepsAfterKill).as("escalation steps the survivor fired after the kill").isPositive();
            // A's PATCHes still waiting for CHeKT's answer when it died: B sent each again, with the same key.
            Instant answerDue = killedAt.minus(DISPATCH_DELAY).plus(RestartSafetyIT.IN_FLIGHT_MARGIN);
            Set<Long> inFlightOnA = beforeKill.stream()
                    .filter(patch -> patch.node().equals("node-a") && patch.receivedAt().isAfter(answerDue))
                    .map(ChektDouble.Patch::alarmVerificationId).collect(Collectors.toSet());
            assertThat(inFlightOnA).as("A's PATCHes in flight at the kill").isNotEmpty();
            assertThat(inFlightOnA).allSatisfy(id -> assertThat(chekt.patches()).anyMatch(patch ->
                    patch.alarmVerificationId() == id && patch.node().equals("node-b")));
            assertThat(notifiedByA).as("contacts notified by A's job executor").isPositive();
            assertThat(notifiedByBBeforeKill).as("contacts notified by B's job executor before the kill").isPositive();

            Map<String, Long> patchesByNode = chekt.patches().stream()
                    .collect(Collectors.groupingBy(ChektDouble.Patch::node, TreeMap::new, Collectors.counting()));
            String run = "[cluster] ";
            System.out.println(run + "2 nodes on one PostgreSQL; verifications started: " + VERIFICATIONS + " ("
                    + VERIFICATIONS / 2 + " through each node); completed (submitted): " + submitted(jdbc, all));
            System.out.println(run + "before the kill: contacts notified by A " + notifiedByA + ", by B " + notifiedByBBeforeKill
                    + "; at the kill: " + inFlightOnA.size() + " of A's PATCHes in flight, escalating verifications by steps"
                    + " fired " + ladderAtKill);
            System.out.println(run + "PATCH requests received per verification " + requestsPerVerification + ", by node "
                    + patchesByNode + "; accepted by CHeKT (one Idempotency-Key, one body): exactly 1 each");
            System.out.println(run + "escalation steps fired by the survivor after the kill: " + stepsAfterKill + " of "
                    + 3 * escalating.size() + "; each step exactly once per verification");
            System.out.println(run + "node start to ready A " + seconds(startA) + ", B " + seconds(startB)
                    + "; kill to A's interrupted submissions done " + seconds(interruptedSubmissionsDone) + " (job lock time "
                    + seconds(LOCK_TIME) + ", bound " + seconds(takeoverBound) + "); kill to every ladder at its last step "
                    + seconds(laddersDone)
                    + "; kill to all " + VERIFICATIONS + " submitted " + seconds(allSubmitted));
        }
    }

    private static void assertEachStepOnce(JdbcTemplate jdbc, List<TestAlarm> escalating) {
        Map<String, Long> fired = jdbc.query("SELECT verification_id, details FROM audit_event WHERE type = 'ESCALATED'",
                        (row, n) -> row.getString(1) + " " + row.getString(2).replaceAll(".*\"step\":\"([0-9a-z]+)\".*", "$1"))
                .stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (TestAlarm alarm : escalating) {
            for (String step : List.of("2min", "5min", "10min")) {
                assertThat(fired.get(alarm.verificationId() + " " + step)).as("%s of %s", step, alarm.verificationId())
                        .isEqualTo(1);
            }
        }
    }

    private static ServiceNode node(String name, ChektDouble chekt, TestPostgres.Database database) {
        Map<String, String> properties = new TreeMap<>(COMPRESSED);
        properties.put("spring.profiles.active", "postgres");
        return new ServiceNode(name, chekt, properties, database.environment());
    }

    private static HikariDataSource dataSource(TestPostgres.Database database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(TestPostgres.USER);
        dataSource.setPassword(TestPostgres.PASSWORD);
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    private static List<Integer> roundRobin(List<TestAlarm> alarms, List<ServiceNode> nodes, Clients.Call call) {
        return Clients.spread(alarms, nodes, 6, call);
    }

    private static int submitted(JdbcTemplate jdbc, List<TestAlarm> alarms) {
        return among(alarms, jdbc.queryForList("SELECT verification_id FROM verification WHERE state = 'SUBMITTED'", UUID.class));
    }

    private static int notified(JdbcTemplate jdbc, List<TestAlarm> alarms) {
        return among(alarms, jdbc.queryForList("SELECT DISTINCT verification_id FROM notified_contact", UUID.class));
    }

    private static int among(List<TestAlarm> alarms, List<UUID> found) {
        Set<UUID> ids = alarms.stream().map(TestAlarm::verificationId).collect(Collectors.toSet());
        return (int) found.stream().filter(ids::contains).count();
    }

    private static Map<Integer, Long> escalationStepsBefore(Instant moment, JdbcTemplate jdbc, List<TestAlarm> escalating) {
        Map<UUID, Integer> steps = perVerification(jdbc, "SELECT verification_id, COUNT(*) FROM audit_event"
                        + " WHERE type = 'ESCALATED' AND occurred_at <= ? GROUP BY verification_id",
                OffsetDateTime.ofInstant(moment, ZoneOffset.UTC));
        return escalating.stream().map(alarm -> steps.getOrDefault(alarm.verificationId(), 0))
                .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
    }

    private static Map<UUID, Integer> perVerification(JdbcTemplate jdbc, String sql, Object... args) {
        Map<UUID, Integer> counts = new TreeMap<>();
        jdbc.query(sql, row -> {
            counts.put(row.getObject(1, UUID.class), row.getInt(2));
        }, args);
        return counts;
    }

    private static int count(JdbcTemplate jdbc, String sql, Object... args) {
        Integer count = jdbc.queryForObject(sql, Integer.class, args);
        return count == null ? 0 : count;
    }

    /** Notifications in the node's log stamped before the moment (log lines start with an ISO-8601 instant). */
    private static long notificationsBefore(Instant moment, ServiceNode node) {
        return node.logLinesMatching(line -> line.contains("Notified contact")
                && Instant.parse(line.substring(0, line.indexOf(' '))).isBefore(moment));
    }
}
