package com.centralstation.verification.app.demo;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.centralstation.verification.app.AlarmVerificationApplication;
import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.EngineTime;
import com.centralstation.verification.app.testing.LocalPorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service in the demo profile, configured by application-demo.yml alone, except what a test JVM must change:
 * an in-memory database, its own engine name (Camunda's engine registry is JVM-wide and other test contexts own
 * "default") and a free port fixed before start, so the profile's {@code ${server.port}} URLs (the sandbox, the
 * response links) point at this very server as they do on a laptop; and the log channel alone, as
 * {@code --verification.notification.channels=log} gives it, so these scenarios decide through the printed links (the
 * demo's phone calls are {@link PhoneSimulatorBrowserTest}'s). One Spring context for every subclass.
 */
@SpringBootTest(classes = AlarmVerificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles(DemoProfile.NAME)
abstract class DemoServiceTest {

    static final String ENGINE = "demotest";
    static final String STATION_USER = "station";
    static final String DEMO_PASSWORD = "demo";
    static final int PORT = LocalPorts.free();
    static final Pattern RESPONSE_LINK = Pattern.compile("Response link for (.+?) \\(alarm .*\\): (http\\S+)");
    private static final ListAppender<ILoggingEvent> PRINTED = new ListAppender<>();

    @DynamicPropertySource
    static void demoTestProperties(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("spring.datasource.url", () -> "jdbc:h2:mem:demo-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        properties.add("camunda.bpm.process-engine-name", () -> ENGINE);
        properties.add("verification.notification.channels", () -> "log");
    }

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    protected final ObjectMapper json = new ObjectMapper();

    /** Logback is set up by Spring Boot when the context starts, so the log channel is listened to after that. */
    @BeforeEach
    void listenToTheLogChannel() {
        Logger logChannel = (Logger) LoggerFactory.getLogger("com.centralstation.verification.adapters.notification.LogChannel");
        if (logChannel.getAppender("demo-test-links") == null) {
            PRINTED.setName("demo-test-links");
            PRINTED.start();
            logChannel.addAppender(PRINTED);
        }
    }

    @Autowired
    protected ManagementService management;

    @Autowired
    protected RuntimeService runtime;

    @AfterEach
    void resetEngineClockAndChekt() throws IOException, InterruptedException {
        ClockUtil.reset();
        outage(false);
    }

    /** Switches the sandbox's outage through its own endpoint: while down, CHeKT answers every PATCH 503. */
    protected void outage(boolean down) throws IOException, InterruptedException {
        HttpResponse<String> switched = http.send(HttpRequest.newBuilder(uri("/demo/chekt/outage?down=" + down))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(switched.statusCode()).isEqualTo(200);
    }

    /**
     * A test alarm whose first contact disregards it while CHeKT is down, until the submission's retries are spent:
     * the submission job then stands as an incident. CHeKT stays down; the caller brings it back.
     */
    protected Decided decidedWhileChektIsDown() throws IOException, InterruptedException {
        outage(true);
        int mark = printedSoFar();
        JsonNode alarm = triggerTestAlarm("motion");
        String verificationId = alarm.get("verification_id").asText();
        long alarmVerificationId = alarm.get("alarm_verification_id").asLong();
        awaitResponseLink("Alice Adams", mark);
        await().atMost(Duration.ofSeconds(30)).until(() -> verification(verificationId).get("contacts_notified").asInt() == 1);
        HttpResponse<String> decided = http.send(station(HttpRequest.newBuilder(uri("/api/verifications/" + verificationId + "/decisions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"contact_id\":7001,\"action\":\"disregard\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(verificationId).singleResult().getId();

        // Each failure sets the job's next due date (the model's retry cycle), and each 503 with Retry-After sets a
        // wait timer: move the engine clock to the next due date, until the job has no retry left.
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            List<Job> jobs = management.createJobQuery().processInstanceId(instanceId).list();
            if (jobs.stream().anyMatch(job -> job.getExceptionMessage() != null && job.getRetries() == 0)) {
                return true;
            }
            jobs.stream().map(Job::getDuedate).filter(due -> due != null && due.toInstant().isAfter(now()))
                    .min(java.util.Comparator.naturalOrder())
                    .ifPresent(due -> advanceClock(Duration.between(now(), due.toInstant()).plusSeconds(1)));
            return false;
        });
        List<JsonNode> refused = patchesFor(alarmVerificationId);
        assertThat(refused).hasSizeGreaterThan(1).allSatisfy(patch -> assertThat(patch.get("answeredStatus").asInt()).isEqualTo(503));
        return new Decided(verificationId, alarmVerificationId, instanceId);
    }

    protected record Decided(String verificationId, long alarmVerificationId, String instanceId) {
    }

    static URI uri(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }

    /** {@code POST /api/test-alarms} with the demo's station credentials; returns the verification it started. */
    protected JsonNode triggerTestAlarm(String trigger) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(station(HttpRequest.newBuilder(uri("/api/test-alarms")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"trigger\":\"" + trigger + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body());
    }

    protected static HttpRequest.Builder station(HttpRequest.Builder request) {
        return request.header("Authorization", basic(STATION_USER, DEMO_PASSWORD));
    }

    static String basic(String user, String password) {
        return BasicAuth.header(user, password);
    }

    protected JsonNode verification(String verificationId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(station(HttpRequest.newBuilder(uri("/api/verifications/" + verificationId)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    /** What the sandbox received, through its public listing. */
    protected List<JsonNode> received() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/demo/chekt/received")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> requests = new ArrayList<>();
        json.readTree(response.body()).get("requests").forEach(requests::add);
        return requests;
    }

    protected List<JsonNode> patchesFor(long alarmVerificationId) throws IOException, InterruptedException {
        return received().stream().filter(request -> request.get("method").asText().equals("PATCH")
                && request.get("path").asText().endsWith("/alarm-verifications/" + alarmVerificationId)).toList();
    }

    /** Where the log channel's output stands now: links printed later belong to what the test does next. */
    protected static int printedSoFar() {
        synchronized (PRINTED) {
            return PRINTED.list.size();
        }
    }

    /**
     * Waits for the log channel to print a response link for the contact, after the mark. The line names the
     * contact, not the verification; every test ends its verifications, so links printed after a test's mark are
     * that test's.
     */
    protected static URI awaitResponseLink(String contactName, int mark) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> printedLink(contactName, mark), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<URI> printedLink(String contactName, int mark) {
        List<ILoggingEvent> events;
        synchronized (PRINTED) {
            events = List.copyOf(PRINTED.list.subList(Math.min(mark, PRINTED.list.size()), PRINTED.list.size()));
        }
        Optional<URI> link = Optional.empty();
        for (ILoggingEvent event : events) {
            Matcher line = RESPONSE_LINK.matcher(event.getFormattedMessage());
            if (line.matches() && line.group(1).equals(contactName)) {
                link = Optional.of(URI.create(line.group(2)));
            }
        }
        return link;
    }

    /** Moves the engine's clock; due timers then fire through the real job executor. */
    protected static void advanceClock(Duration duration) {
        EngineTime.advance(duration);
    }

    protected static Instant now() {
        return EngineTime.now();
    }
}
