package com.centralstation.verification.app.foundation;

import com.centralstation.verification.app.testing.ChektWebhooks;
import com.centralstation.verification.app.testing.SlowScenario;
import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.core.usecase.StartReceivedVerifications;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests answered {@code 202} survive a stop of the node that took them in, whatever its starter had done: taken in
 * with the starter off, one batch of them started, the node stopped with the rest still waiting, then started again
 * on the same H2 file with its starter on. Each request is started exactly once (one process instance, one first
 * notification), those of the batch before the stop and the rest after it. {@code RestartSafetyIT} kills the packaged
 * service with SIGKILL instead of stopping it. A {@link SlowScenario} for its two start-ups (over two
 * minutes on a loaded machine), on H2 (RestartSafetyIT restarts on PostgreSQL too).
 */
@SlowScenario
class InboxSurvivesRestartIT {

    private static final int TAKEN_IN = 40;
    private static final int STARTED_BEFORE_THE_STOP = 10;

    @TempDir
    Path dataDir;

    @Test
    void requestsStillWaitingAtAStopAreEachStartedOnceAfterTheRestartAndTheStartedOnesNotAgain() throws Exception {
        Map<String, Object> settings = StandaloneService.settings(dataDir);
        settings.put("verification.inbox.starter-enabled", false);
        settings.put("verification.inbox.batch-size", STARTED_BEFORE_THE_STOP);
        List<TestAlarm> alarms = IntStream.range(0, TAKEN_IN).mapToObj(i -> TestAlarm.onContractSite("motion")).toList();

        List<UUID> startedBeforeTheStop;
        try (ConfigurableApplicationContext first = StandaloneService.start(settings)) {
            int port = StandaloneService.port(first);
            for (TestAlarm alarm : alarms) {
                assertThat(deliver(port, alarm).statusCode()).isEqualTo(202);
            }
            assertThat(waiting(first)).as("requests waiting with the starter off").isEqualTo(TAKEN_IN);
            // the starter's first batch, then the node stops with the rest waiting
            startedBeforeTheStop = first.getBean(StartReceivedVerifications.class).startNext().started();
            assertThat(startedBeforeTheStop).hasSize(STARTED_BEFORE_THE_STOP);
            assertThat(waiting(first)).isEqualTo(TAKEN_IN - STARTED_BEFORE_THE_STOP);
        }

        settings.put("verification.inbox.starter-enabled", true);
        try (ConfigurableApplicationContext second = StandaloneService.start(settings)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting(second) == 0);
            HistoryService history = second.getBean(HistoryService.class);
            for (TestAlarm alarm : alarms) {
                assertThat(history.createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(alarm.verificationId().toString()).count())
                        .as("process instances of %s", alarm.verificationId()).isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(notifiedOnce(second, alarms))
                    .as("verifications whose first contact was notified, once").isEqualTo(TAKEN_IN));
        }
    }

    private HttpResponse<String> deliver(int port, TestAlarm alarm) {
        return ChektWebhooks.to(port).deliverOnce(alarm.body());
    }

    private static int waiting(ConfigurableApplicationContext service) {
        return service.getBean(JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE start_rank >= 0", Integer.class);
    }

    private static long notifiedOnce(ConfigurableApplicationContext service, List<TestAlarm> alarms) {
        Map<UUID, Integer> notified = new HashMap<>();
        service.getBean(JdbcTemplate.class).query("SELECT verification_id, COUNT(*) FROM notified_contact GROUP BY verification_id",
                row -> {
                    notified.put(row.getObject(1, UUID.class), row.getInt(2));
                });
        return alarms.stream().filter(alarm -> Integer.valueOf(1).equals(notified.get(alarm.verificationId()))).count();
    }
}
