package com.centralstation.verification.app.e2e;

import com.centralstation.verification.adapters.persistence.testing.TestPostgres;
import com.centralstation.verification.app.testing.SlowScenario;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restart safety: the packaged service as its own process, killed with SIGKILL while an alarm storm is being
 * received and notified, while escalation ladders are running and while PATCHes to CHeKT are in flight, then
 * started again on the same database. Every alarm answered 202 is there and notified within seconds of the restart
 * (the node takes its own locked jobs back at once), no contact is notified twice, every escalation step ran
 * exactly once, and CHeKT accepted exactly one decision per verification (see {@link ChektDouble} for what a
 * re-sent PATCH counts as). Killed, too, with requests answered 202 and still waiting in the inbox: each is started
 * once after the restart. On the default H2 file and on PostgreSQL with the postgres profile.
 */
@SlowScenario
class RestartSafetyIT {

    private static final long ANN = 67890;
    private static final long CHO = 67892;
    private static final int ESCALATING = 10;
    private static final int SUBMITTING = 10;
    /** A few hundred alarms from several senders, still being notified when the service is killed. */
    private static final int STORM = 300;
    private static final int STORM_SENDERS = 8;
    /** First notifications not yet logged at the kill: among them the jobs the killed run had locked. */
    private static final int STORM_LEFT_AT_KILL = 10;
    private static final String NOTIFIED = "Notified contact";
    /** Requests answered 202 and not started when the service is killed. */
    private static final int WAITING_AT_KILL = 60;
    /**
     * The restarted node runs its own interrupted jobs at once instead of waiting for their locks to expire (80 s):
     * about 5 s on an idle two-core machine; half the lock time still tells the two apart on a loaded build machine.
     */
    private static final Duration AFTER_HEALTHY = Duration.ofSeconds(40);
    private static final Duration PATCH_DELAY = Duration.ofMillis(1500);
    private static final Duration DISREGARD_DELAY = Duration.ofMillis(100);
    /** Leaves the service time to have read CHeKT's answer and committed before the kill; such a PATCH is not resent. */
    static final Duration IN_FLIGHT_MARGIN = Duration.ofMillis(500);
    /**
     * Compressed timers on the command line: the 2/5/10-minute ladder in 5/40/50 seconds, so that the ladders are
     * under way at the kill (the first step fired) with steps still to fire after it, however long a loaded machine
     * takes between the first step and the kill. The job lock time is the shipped one (80 s): recovery well within it
     * shows the node released its own locks.
     */
    private static final Map<String, String> COMPRESSED = Map.of(
            "verification.escalation.first", "PT5S",
            "verification.escalation.second", "PT40S",
            "verification.escalation.third", "PT50S");

    enum Storage { H2_FILE, POSTGRESQL }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void killedMidEscalationMidSubmissionAndMidStormEveryAlarmGoesOnAtOnceAndEndsWithOneAcceptedPatch(Storage storage) {
        try (ChektDouble chekt = new ChektDouble(PATCH_DELAY, DISREGARD_DELAY); ServiceNode node = node(storage, chekt)) {
            List<TestAlarm> ladders = killedMidEscalationAndMidSubmission(storage, chekt, node);
            List<TestAlarm> storm = killedMidStorm(storage, chekt, node);
            List<TestAlarm> waiting = killedWithRequestsWaiting(storage, node);

            Map<Integer, Long> requestsPerVerification = chekt.assertOneAcceptedDecisionEach(
                    Stream.of(ladders, storm, waiting).flatMap(List::stream).toList());
            System.out.println("[restart-safety " + storage + "] PATCH requests received per verification "
                    + requestsPerVerification + "; accepted by CHeKT (one Idempotency-Key, one body): exactly 1 each");
        }
    }

    /** Ladders and PATCHes under way at the kill go on after the restart; each step and each submission once. */
    private static List<TestAlarm> killedMidEscalationAndMidSubmission(Storage storage, ChektDouble chekt, ServiceNode node) {
        Duration firstStart = node.start();
        List<TestAlarm> escalating = fresh(ESCALATING);
        List<TestAlarm> submitting = fresh(SUBMITTING);
        List<TestAlarm> all = Stream.concat(escalating.stream(), submitting.stream()).toList();

        all.forEach(alarm -> assertThat(node.deliver(alarm)).isEqualTo(202));
        await().atMost(Duration.ofSeconds(60)).until(() -> allNotified(node, all));
        // The ladders are under way once a first escalation step has called a second contact.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> contactsNotified(node, escalating).values().stream().anyMatch(n -> n >= 2));
        Map<Integer, Long> ladderAtKill = histogram(contactsNotified(node, escalating));
        submitting.forEach(alarm -> assertThat(node.decide(alarm.verificationId(), ANN, "dispatch")).isEqualTo(202));
        // Kill while the first PATCHes wait for CHeKT's (delayed) answer: right after one has arrived.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> chekt.patches().size() >= 3 && chekt.justReceivedFrom(node.name()));
        Instant killedAt = Instant.now();
        node.kill();
        List<ChektDouble.Patch> beforeKill = chekt.patches();

        Duration restart = node.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> submitting.stream()
                .allMatch(alarm -> node.view(alarm.verificationId()).get("state").asText().equals("submitted")));
        Duration submissionsRecovered = Duration.between(killedAt, Instant.now());
        // The ladders go on where they stood: each reaches its 10-minute step, then the third contact decides.
        await().atMost(Duration.ofSeconds(90)).until(() -> escalating.stream()
                .allMatch(alarm -> escalatedSteps(node.view(alarm.verificationId())).contains("10min")));
        escalating.forEach(alarm -> assertThat(node.decide(alarm.verificationId(), CHO, "disregard")).isEqualTo(202));
        await().atMost(Duration.ofSeconds(90)).until(() -> all.stream()
                .allMatch(alarm -> node.view(alarm.verificationId()).get("state").asText().equals("submitted")));
        Duration recovery = Duration.between(killedAt, Instant.now());

        int stepsAfterKill = 0;
        for (TestAlarm alarm : all) {
            JsonNode view = node.view(alarm.verificationId());
            boolean wasEscalating = escalating.contains(alarm);
            assertThat(view.at("/decision/contact_id").asLong()).isEqualTo(wasEscalating ? CHO : ANN);
            assertThat(types(view)).as("timeline of %s", alarm.verificationId()).containsOnlyOnce("decision_submitted");
            if (wasEscalating) {
                assertThat(escalatedSteps(view)).as("escalation steps of %s", alarm.verificationId())
                        .containsExactlyInAnyOrder("2min", "5min", "10min");
                stepsAfterKill += (int) events(view, "escalated").stream()
                        .filter(event -> Instant.parse(event.get("at").asText()).isAfter(killedAt)).count();
            }
        }
        // A PATCH received well within the delay before the kill never got its answer: it must have been sent again.
        Set<Long> inFlightAtKill = beforeKill.stream()
                .filter(patch -> patch.receivedAt().isAfter(killedAt.minus(PATCH_DELAY).plus(IN_FLIGHT_MARGIN)))
                .map(ChektDouble.Patch::alarmVerificationId).collect(Collectors.toSet());
        assertThat(inFlightAtKill).as("PATCHes in flight when the service was killed").isNotEmpty();
        Map<Long, Long> sendsOfInFlight = chekt.patches().stream()
                .filter(patch -> inFlightAtKill.contains(patch.alarmVerificationId()))
                .collect(Collectors.groupingBy(ChektDouble.Patch::alarmVerificationId, Collectors.counting()));
        assertThat(sendsOfInFlight.values()).as("PATCHes in flight at the kill are sent again after the restart")
                .hasSize(inFlightAtKill.size()).allMatch(sends -> sends >= 2);
        assertThat(stepsAfterKill).as("escalation steps that fired after the kill").isPositive();

        String run = "[restart-safety " + storage + "] ";
        System.out.println(run + "verifications started: " + all.size() + " (" + ESCALATING + " mid-escalation, "
                + SUBMITTING + " mid-submission); completed (submitted): " + all.size());
        System.out.println(run + "at the kill: " + inFlightAtKill.size() + " PATCHes in flight; escalating verifications "
                + "by contacts notified just before the decisions " + ladderAtKill);
        System.out.println(run + "escalation steps fired after the kill: " + stepsAfterKill + " of " + 3 * ESCALATING
                + "; each step exactly once per verification");
        System.out.println(run + "first start to ready " + seconds(firstStart) + "; restart to ready " + seconds(restart)
                + "; kill to the interrupted submissions done " + seconds(submissionsRecovered)
                + " (job lock time 80 s); kill to every verification submitted " + seconds(recovery));
        return all;
    }

    /**
     * The issue a station meets on its worst night: a storm of alarms, all answered 202, and the service killed
     * while it is still sending their first notifications. After the restart every one is notified within seconds
     * of the service being healthy (the jobs the killed run had locked are released, not left to their 80 s lock),
     * no contact twice, and the decisions taken afterwards are each submitted once. The escalation timers are set
     * far out for this part, so that only the storm's own notifications compete for the job executor.
     */
    private static List<TestAlarm> killedMidStorm(Storage storage, ChektDouble chekt, ServiceNode node) {
        node.kill();
        node.set("verification.escalation.first", "PT10M");
        node.set("verification.escalation.second", "PT20M");
        node.set("verification.escalation.third", "PT30M");
        node.start();
        long notifiedBefore = node.logLines(NOTIFIED);
        List<TestAlarm> storm = fresh(STORM);

        assertThat(Clients.spread(storm, List.of(node), STORM_SENDERS, ServiceNode::deliver))
                .as("storm webhook answers").containsOnly(202);
        // Killed with the last of the storm's first notifications still to send (and some of them running).
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(20))
                .until(() -> node.logLines(NOTIFIED) - notifiedBefore >= STORM - STORM_LEFT_AT_KILL);
        Instant killedAt = Instant.now();
        node.kill();
        long releasesBefore = releases(node);

        node.start();
        Instant healthy = Instant.now();
        assertThat(releases(node)).as("the restarted node released the job locks of the killed run").isEqualTo(releasesBefore + 1);
        await().atMost(AFTER_HEALTHY).until(() -> allNotified(node, storm));
        Duration stormNotified = Duration.between(healthy, Instant.now());
        assertThat(Clients.spread(storm, List.of(node), STORM_SENDERS,
                (target, alarm) -> target.decide(alarm.verificationId(), ANN, "disregard")))
                .as("decisions on the storm's alarms").containsOnly(202);
        Set<String> stormIds = storm.stream().map(alarm -> alarm.verificationId().toString()).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(300)).until(() -> submittedIds(node).containsAll(stormIds));

        int notifiedBeforeKill = 0;
        for (TestAlarm alarm : storm) {
            JsonNode view = node.view(alarm.verificationId());
            List<JsonNode> notifications = events(view, "contact_notified");
            assertThat(notifications).as("notifications recorded for %s", alarm.verificationId()).hasSize(1);
            assertThat(view.get("notified")).as("contacts notified for %s", alarm.verificationId()).hasSize(1);
            Instant notifiedAt = Instant.parse(notifications.get(0).get("at").asText());
            assertThat(notifiedAt).as("notification of %s", alarm.verificationId()).isBefore(healthy.plus(AFTER_HEALTHY));
            notifiedBeforeKill += notifiedAt.isBefore(killedAt) ? 1 : 0;
            assertThat(types(view)).as("timeline of %s", alarm.verificationId()).containsOnlyOnce("decision_submitted");
        }
        assertThat(notifiedBeforeKill).as("storm alarms notified before the kill").isLessThan(STORM);

        String run = "[restart-safety " + storage + "] ";
        System.out.println(run + "storm: " + STORM + " alarms answered 202 from " + STORM_SENDERS + " senders; "
                + notifiedBeforeKill + " notified before the kill, " + (STORM - notifiedBeforeKill) + " after it; healthy"
                + " to every one notified " + seconds(stormNotified) + " (job lock time 80 s, released at start-up); each"
                + " contact notified once by our records; " + STORM + " decisions afterwards, each submitted once");
        return storm;
    }

    /**
     * Requests answered 202 and still waiting in the inbox when the service is killed: the node takes a burst of
     * alarms in with its starter off ({@code verification.inbox.starter-enabled=false}), so every one of them waits,
     * is killed with SIGKILL, and restarts with its starter on: each is started and notified once within seconds of
     * the restart, and its decision submitted once.
     */
    private static List<TestAlarm> killedWithRequestsWaiting(Storage storage, ServiceNode node) {
        node.kill();
        node.set("verification.inbox.starter-enabled", "false");
        node.start();
        List<TestAlarm> waiting = fresh(WAITING_AT_KILL);

        assertThat(Clients.spread(waiting, List.of(node), STORM_SENDERS, ServiceNode::deliver))
                .as("webhook answers while nothing is started").containsOnly(202);
        assertThat(node.inState("received")).as("requests waiting in the inbox at the kill").hasSize(WAITING_AT_KILL);
        node.kill();
        node.set("verification.inbox.starter-enabled", "true");
        node.start();
        Instant healthy = Instant.now();
        await().atMost(AFTER_HEALTHY).until(() -> allNotified(node, waiting));
        Duration startedAndNotified = Duration.between(healthy, Instant.now());
        assertThat(node.inState("received")).as("requests still waiting").isEmpty();
        assertThat(Clients.spread(waiting, List.of(node), STORM_SENDERS,
                (target, alarm) -> target.decide(alarm.verificationId(), ANN, "dispatch")))
                .as("decisions on the requests that waited").containsOnly(202);
        Set<String> ids = waiting.stream().map(alarm -> alarm.verificationId().toString()).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(120)).until(() -> submittedIds(node).containsAll(ids));
        for (TestAlarm alarm : waiting) {
            JsonNode view = node.view(alarm.verificationId());
            assertThat(types(view)).as("timeline of %s", alarm.verificationId())
                    .containsOnlyOnce("verification_received", "contact_notified", "decision_submitted");
        }

        System.out.println("[restart-safety " + storage + "] inbox: " + WAITING_AT_KILL + " requests answered 202 and"
                + " waiting at the kill; healthy to every one started and notified " + seconds(startedAndNotified)
                + "; each started, notified and submitted once");
        return waiting;
    }

    private static long releases(ServiceNode node) {
        return node.logLinesMatching(line -> line.contains("Released ") && line.contains("job lock(s) left by an earlier run"));
    }

    private static Set<String> submittedIds(ServiceNode node) {
        return node.inState("submitted").stream().map(summary -> summary.get("verification_id").asText())
                .collect(Collectors.toSet());
    }

    private static ServiceNode node(Storage storage, ChektDouble chekt) {
        Map<String, String> properties = new TreeMap<>(COMPRESSED);
        Map<String, String> environment = Map.of();
        String name = "restart-" + storage.name().toLowerCase(Locale.ROOT);
        if (storage == Storage.H2_FILE) {
            // The default datasource: an H2 file under verification.data-dir.
            properties.put("verification.data-dir", Path.of("target", "service-data", name + "-" + UUID.randomUUID())
                    .toAbsolutePath().toString());
        } else {
            TestPostgres.Database database = TestPostgres.freshDatabase();
            properties.put("spring.profiles.active", "postgres");
            environment = database.environment();
        }
        return new ServiceNode(name, chekt, properties, environment);
    }

    private static List<TestAlarm> fresh(int count) {
        return IntStream.range(0, count).mapToObj(i -> TestAlarm.onContractSite("motion")).toList();
    }

    /** Contacts notified per verification, from the list of open ones (decided ones drop out of it). */
    private static Map<UUID, Integer> contactsNotified(ServiceNode node, List<TestAlarm> alarms) {
        Set<String> wanted = alarms.stream().map(alarm -> alarm.verificationId().toString()).collect(Collectors.toSet());
        return node.inState("open").stream()
                .filter(summary -> wanted.contains(summary.get("verification_id").asText()))
                .collect(Collectors.toMap(summary -> UUID.fromString(summary.get("verification_id").asText()),
                        summary -> summary.get("contacts_notified").asInt()));
    }

    private static boolean allNotified(ServiceNode node, List<TestAlarm> alarms) {
        Map<UUID, Integer> notified = contactsNotified(node, alarms);
        return notified.size() == alarms.size() && notified.values().stream().allMatch(n -> n >= 1);
    }

    private static Map<Integer, Long> histogram(Map<UUID, Integer> values) {
        return values.values().stream().collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
    }

    private static List<String> escalatedSteps(JsonNode view) {
        return events(view, "escalated").stream().map(event -> event.at("/details/step").asText()).toList();
    }

    private static List<JsonNode> events(JsonNode view, String type) {
        List<JsonNode> events = new ArrayList<>();
        view.get("timeline").forEach(event -> {
            if (event.get("type").asText().equals(type)) {
                events.add(event);
            }
        });
        return events;
    }

    private static List<String> types(JsonNode view) {
        return view.get("timeline").findValuesAsText("type");
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
