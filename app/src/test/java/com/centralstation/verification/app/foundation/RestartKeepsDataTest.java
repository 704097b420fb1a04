package com.centralstation.verification.app.foundation;

import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.ChektWebhooks;
import com.centralstation.verification.app.testing.ServiceSettings;
import com.centralstation.verification.app.testing.TestAlarm;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default keeps its data in a file: a verification received before a stop is still open
 * after a start on the same file, with its escalation timers still scheduled.
 */
class RestartKeepsDataTest {

    private static final UUID CONTRACT_ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aVerificationAndItsTimersSurviveAStopAndAStartOnTheSameH2File() throws Exception {
        var settings = StandaloneService.settings(dataDir);

        String processInstanceId;
        try (ConfigurableApplicationContext first = StandaloneService.start(settings)) {
            int port = StandaloneService.port(first);
            assertThat(deliverContractAlarm(port).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> readVerification(port).contains("\"contacts_notified\":1"));
            processInstanceId = first.getBean(RuntimeService.class).createProcessInstanceQuery()
                    .processInstanceBusinessKey(CONTRACT_ID.toString()).singleResult().getId();
            assertThat(first.getBean(ManagementService.class).createJobQuery().processInstanceId(processInstanceId).timers().count())
                    .isEqualTo(3);
        }
        assertThat(Files.list(dataDir)).anyMatch(file -> file.getFileName().toString().startsWith("alarm-verification"));

        try (ConfigurableApplicationContext second = StandaloneService.start(settings)) {
            int port = StandaloneService.port(second);
            String view = readVerification(port);
            assertThat(view).contains("\"state\":\"open\"", "\"contacts_notified\":1", "\"verification_received\"");
            assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery()
                    .processInstanceBusinessKey(CONTRACT_ID.toString()).singleResult().getId()).isEqualTo(processInstanceId);
            assertThat(second.getBean(ManagementService.class).createJobQuery().processInstanceId(processInstanceId).timers().count())
                    .isEqualTo(3);
            // The same delivery again after the restart is recognised, not started twice.
            assertThat(deliverContractAlarm(port).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> deliverContractAlarm(int port) {
        return ChektWebhooks.to(port).deliverOnce(TestAlarm.contractBody());
    }

    private String readVerification(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/verifications/" + CONTRACT_ID))
                .header("Authorization", BasicAuth.header(ServiceSettings.STATION_USER, ServiceSettings.STATION_PASSWORD))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
