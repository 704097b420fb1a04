package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.SlowScenario;
import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.StoredDeliveryReader;
import com.centralstation.verification.core.port.out.UnitOfWork;
import com.centralstation.verification.core.usecase.DeliveryQuarantine;
import com.centralstation.verification.core.usecase.StartReceivedVerifications;
import com.centralstation.verification.core.usecase.StartVerification;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A storm through the inbox, with this node's starter held so the storm waits whole and the test starts it: 300
 * alarms from 8 senders, a third of them of class normal among class high, answered 202 and shown {@code received},
 * then started by one starter, and by two sharing PostgreSQL as two nodes' starters do. Every accepted alarm is started
 * exactly once (one process instance, one first notification); one starter starts them in class order.
 *
 * <p>An {@code IT} and a {@link SlowScenario}: more than a minute on a loaded machine, so the profile
 * {@code slow-scenarios} runs it (on the in-memory H2 of the other end-to-end tests, and in the
 * {@code storm-on-postgresql} execution on PostgreSQL), and the suite leaves it out.
 */
@SlowScenario
class InboxStormIT extends HeldStarterServiceTest {

    private static final int STORM = 300;
    private static final int SENDERS = 8;

    @Autowired
    StartReceivedVerifications starts;

    @Autowired
    HistoryService history;

    @Autowired
    UnitOfWork unitOfWork;

    @Autowired
    DeliveryInbox inbox;

    @Autowired
    StoredDeliveryReader reader;

    @Autowired
    StartVerification start;

    @Autowired
    DeliveryQuarantine quarantine;

    @Autowired
    AuditTrail audit;

    @Autowired
    Clock clock;

    @Test
    void oneStarterStartsEveryAcceptedAlarmExactlyOnceHighClassBeforeNormal() throws Exception {
        Map<UUID, String> storm = stormWaiting();

        List<UUID> started = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
            started.addAll(starts.startNext().started());
            return waiting() == 0;
        });

        assertThat(started).as("started once each").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storm.keySet());
        int lastHigh = lastIndexOf(started, id -> storm.get(id).equals("high"));
        int firstNormal = indexOf(started, id -> storm.get(id).equals("normal"));
        assertThat(lastHigh).as("every high alarm started before the first normal one").isLessThan(firstNormal);
        everyOneHasOneProcessAndOneFirstNotification(storm.keySet());
    }

    @Test
    @EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*",
            disabledReason = "two nodes share PostgreSQL; H2 runs one node with one starter")
    void twoNodesStartersShareTheInboxAndStartEveryAlarmExactlyOnce() throws Exception {
        Map<UUID, String> storm = stormWaiting();
        List<List<UUID>> startedBy = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        CyclicBarrier together = new CyclicBarrier(2);

        List<CompletableFuture<Void>> nodes = IntStream.range(0, 2).mapToObj(node -> CompletableFuture.runAsync(() -> {
            // each node's starter: its own use case, smaller batches so both get a share of 300
            StartReceivedVerifications nodeStarts = new StartReceivedVerifications(unitOfWork, inbox, reader, start,
                    quarantine, audit, clock, 10, 3);
            try {
                together.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
                startedBy.get(node).addAll(nodeStarts.startNext().started());
                return waiting() == 0;
            });
        })).toList();
        for (CompletableFuture<Void> node : nodes) {
            node.get(150, TimeUnit.SECONDS);
        }

        assertThat(startedBy).as("each node started some").allSatisfy(own -> assertThat(own).isNotEmpty());
        Set<UUID> both = new HashSet<>(startedBy.get(0));
        both.retainAll(startedBy.get(1));
        assertThat(both).as("started by both nodes").isEmpty();
        List<UUID> all = new ArrayList<>(startedBy.get(0));
        all.addAll(startedBy.get(1));
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(storm.keySet());
        everyOneHasOneProcessAndOneFirstNotification(storm.keySet());
    }

    /** The storm, answered 202 and waiting: verification id to its class. */
    private Map<UUID, String> stormWaiting() throws Exception {
        List<TestAlarm> alarms = IntStream.range(0, STORM).mapToObj(i -> TestAlarm.onContractSite("motion")).toList();
        Map<UUID, String> classes = alarms.stream().collect(Collectors.toMap(TestAlarm::verificationId,
                alarm -> normal(alarm) ? "normal" : "high"));
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int sender = 0; sender < SENDERS; sender++) {
            List<TestAlarm> own = alarms.subList(sender * STORM / SENDERS, (sender + 1) * STORM / SENDERS);
            answers.add(CompletableFuture.supplyAsync(() -> own.stream().mapToInt(this::deliver).filter(s -> s != 202).count() == 0
                    ? 202 : -1));
        }
        for (CompletableFuture<Integer> answer : answers) {
            assertThat(answer.get(120, TimeUnit.SECONDS)).as("every webhook answered 202").isEqualTo(202);
        }

        assertThat(waiting()).isEqualTo(STORM);
        UUID someNormal = classes.entrySet().stream().filter(e -> e.getValue().equals("normal")).findFirst().orElseThrow().getKey();
        JsonNode received = verification(someNormal);
        assertThat(received.get("state").asText()).isEqualTo("received");
        assertThat(received.get("alarm_class").asText()).isEqualTo("normal");
        assertThat(received.get("contacts_notified").asInt()).isZero();
        JsonNode listed = json.readTree(http.send(station(HttpRequest.newBuilder(uri("/api/verifications?state=received&limit=1000")))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(listed.get("count").asInt()).isEqualTo(STORM);
        assertThat(listed.get("verifications").get(0).get("alarm_class").asText()).as("first in line").isEqualTo("high");
        String metrics = http.send(metrics(HttpRequest.newBuilder(uri("/actuator/prometheus"))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("verification_inbox_waiting " + STORM + ".0");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(someNormal.toString()).count())
                .as("nothing started while the starter is held").isZero();
        return classes;
    }

    private void everyOneHasOneProcessAndOneFirstNotification(Set<UUID> storm) {
        for (UUID id : storm) {
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id.toString()).count())
                    .as("process instances of %s", id).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(notifiedOnce(storm)).isEqualTo(storm.size()));
    }

    private int notifiedOnce(Set<UUID> storm) {
        Map<UUID, Integer> notified = new HashMap<>();
        jdbc.query("SELECT verification_id, COUNT(*) FROM notified_contact GROUP BY verification_id",
                row -> {
                    notified.put(row.getObject(1, UUID.class), row.getInt(2));
                });
        return (int) storm.stream().filter(id -> Integer.valueOf(1).equals(notified.get(id))).count();
    }

    private int deliver(TestAlarm alarm) {
        String body = normal(alarm) ? alarm.body().replace("\"priority\":\"HIGH\"", "\"priority\":\"LOW\"") : alarm.body();
        try {
            return deliverWebhook(body).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A third of the storm is class normal (priority LOW), the rest high (priority HIGH). */
    private static boolean normal(TestAlarm alarm) {
        return alarm.alarmVerificationId() % 3 == 0;
    }

    private static int indexOf(List<UUID> ids, Function<UUID, Boolean> wanted) {
        return IntStream.range(0, ids.size()).filter(i -> wanted.apply(ids.get(i))).findFirst().orElse(-1);
    }

    private static int lastIndexOf(List<UUID> ids, Function<UUID, Boolean> wanted) {
        return IntStream.range(0, ids.size()).filter(i -> wanted.apply(ids.get(i))).max().orElse(-1);
    }
}
