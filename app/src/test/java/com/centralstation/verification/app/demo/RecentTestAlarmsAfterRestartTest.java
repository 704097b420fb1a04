package com.centralstation.verification.app.demo;

import com.centralstation.verification.app.AlarmVerificationApplication;
import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.LocalPorts;
import com.centralstation.verification.app.testing.SlowScenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Recent test alarms" is read from the database: after a stop and a start on the same demo H2 file, the alarm
 * triggered before is still listed, open, with its contacts notified (the service keeps no list of its own to lose).
 * Two start-ups of the demo: a {@link SlowScenario}.
 */
@SlowScenario
class RecentTestAlarmsAfterRestartTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anOpenTestAlarmIsStillListedAfterARestart() throws Exception {
        int port = LocalPorts.free();
        String[] arguments = {
                "--spring.profiles.active=" + DemoProfile.NAME,
                "--server.port=" + port,
                "--verification.data-dir=" + dataDir,
                // its own engine name (letters only: Camunda ignores a hyphen), beside the cached test contexts' engines
                "--camunda.bpm.process-engine-name=demorestart" + UUID.randomUUID().toString().replace("-", ""),
                // the webapps keep JVM-wide statics a stopped context clears: the cached contexts' Cockpit needs them
                "--camunda.bpm.webapp.enabled=false",
                "--verification.notification.channels=log"};

        String verificationId;
        try (ConfigurableApplicationContext first = start(arguments)) {
            HttpResponse<String> triggered = http.send(HttpRequest.newBuilder(uri(port, "/api/test-alarms"))
                    .header("Authorization", BasicAuth.header("station", "demo"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"trigger\":\"intrusion\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(202);
            verificationId = new ObjectMapper().readTree(triggered.body()).get("verification_id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> startPage(port).contains("1 of 3 contacts notified"));
        }

        try (ConfigurableApplicationContext second = start(arguments)) {
            String page = startPage(port);
            // the demo's escalation timers (20 s, 50 s) may have called the next contacts while the service restarted
            assertThat(page).contains(verificationId, "intrusion").containsPattern("open, [123] of 3 contacts notified");
        }
    }

    private static ConfigurableApplicationContext start(String[] arguments) {
        return new SpringApplicationBuilder(AlarmVerificationApplication.class).run(arguments);
    }

    private String startPage(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, "/demo")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
