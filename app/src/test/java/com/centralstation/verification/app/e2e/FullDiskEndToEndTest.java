package com.centralstation.verification.app.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.centralstation.verification.adapters.persistence.testing.TestPostgres;
import com.centralstation.verification.app.storage.FailingDisk;
import com.centralstation.verification.app.storage.StorageOutage;
import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.workflow.engine.StorageFailure;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full disk on the running service, as a station's worst night brings it, and the space coming back, with nobody
 * touching the service: while the database cannot write, webhooks and decisions are answered 503 with
 * {@code Retry-After} (CHeKT resends), health is DOWN with the reason and the log says so once; when writes work again
 * the service answers 202 within 30 seconds by itself, health is UP, and every delivery acknowledged before, during
 * (once accepted) and after is stored exactly once with its first contact notified.
 *
 * <p>On the embedded H2 the disk is {@link FailingDisk}, H2's own wrapped file system refusing writes as a full disk
 * does (ENOSPC): H2 closes its database after the failed write, and the service has to open it again. On PostgreSQL
 * (the {@code postgres} profile) the database is made to refuse writes ({@code default_transaction_read_only} for the
 * database and its sessions ended), the refusal a full disk, a replica or a storage fault also gives; its own disk
 * cannot be filled in a test here (the embedded server runs as root, so a read-only tablespace directory does not
 * bite).
 */
@Import(FullDiskEndToEndTest.OnADiskThatCanFill.class)
class FullDiskEndToEndTest extends ServiceTest {

    private static final Path DATA_DIR = temporaryDirectory();
    private static TestPostgres.Database postgres;
    /** How long the disk stays full while CHeKT keeps resending. */
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    private static final long ANN = 67890;

    /**
     * The database and disk of this test's own context. A registrar, not a {@code @DynamicPropertySource}: those of
     * {@link ServiceTest} are applied after a subclass's and would win; a registrar's come last.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class OnADiskThatCanFill {

        @Bean
        DynamicPropertyRegistrar diskThatCanFill() {
            return properties -> {
                if (ServiceDatabase.postgres()) {
                    postgres = TestPostgres.freshDatabase();
                    properties.add("spring.datasource.url", postgres::jdbcUrl);
                    properties.add("spring.datasource.username", () -> TestPostgres.USER);
                    properties.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
                } else {
                    properties.add("spring.datasource.url", () -> FailingDisk.urlPrefix()
                            + DATA_DIR.resolve("alarm-verification") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE");
                }
                properties.add("verification.data-dir", DATA_DIR::toString);
                // Any real disk is "low" against this: the supervisors' alert is raised at once and can be checked.
                properties.add("verification.storage.low-space-alert", () -> "1000TB");
                // A request that finds no connection during the outage is refused after 5 s rather than 10.
                properties.add("spring.datasource.hikari.connection-timeout", () -> "5000");
                // Its own engine name, so that Camunda's registry keeps the shared context's engine under its own.
                properties.add("camunda.bpm.process-engine-name", () -> "fulldisk");
            };
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HistoryService history;

    @Autowired
    TaskService tasks;

    private final WarningsAndErrors log = new WarningsAndErrors();

    @BeforeEach
    void listenToTheLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void writesWorkAgain() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        if (ServiceDatabase.postgres()) {
            refuseWrites(false);
        } else {
            FailingDisk.heal();
        }
    }

    @Test
    void aFullDiskIsAnOutageTheServiceSaysSoHonestlyAndRecoversFromByItselfLosingAndDoublingNothing() throws Exception {
        // Supervisors were told at once that the disk is low (the threshold lies above any real disk here), once.
        await().atMost(Duration.ofSeconds(20)).until(() -> lowSpaceTasks().size() == 1);
        assertThat(lowSpaceTasks().get(0).getName()).startsWith("Disk space low on node service-test-");
        assertThat(metrics()).containsPattern("verification_data_dir_free_bytes\\S* [1-9]")
                .contains("verification_storage_unavailable 0.0");

        List<TestAlarm> before = fresh(4);
        for (TestAlarm alarm : before) {
            assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> allFirstContactsNotified(before));
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);

        // The disk fills up.
        Instant fullAt = Instant.now();
        refuseWrites(true);
        List<TestAlarm> during = fresh(3);
        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliverWebhookOnce(during.get(0).body()), response -> response.statusCode() != 202
                        && response.statusCode() != 200);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("title").asText()).isEqualTo("Storage unavailable");
        assertThat(problem.get("cause").asText()).isIn(expectedCauses());
        assertThat(problem.get("detail").asText()).contains(problem.get("cause").asText()).contains("send it again");

        HttpResponse<String> decisionRefused = decide(before.get(0).verificationId(),
                "{\"contact_id\":" + ANN + ",\"action\":\"dispatch\"}");
        assertThat(decisionRefused.statusCode()).as(decisionRefused.body()).isEqualTo(503);
        assertThat(decisionRefused.headers().firstValue("Retry-After")).hasValue("30");

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health").statusCode() == 503);
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(json.readTree(readiness.body()).at("/components/storage/status").asText()).isEqualTo("DOWN");
        assertThat(get("/actuator/health/liveness").statusCode()).as("liveness: a restart would not help").isEqualTo(200);
        assertThat(storageDetails().get("cause").asText()).isIn(expectedCauses());
        assertThat(metrics()).contains("verification_storage_unavailable 1.0");
        // A contact opening their link: H2 cannot even read now, PostgreSQL still can; never a 500, the link kept.
        String link = log.responseLink(before.get(1));
        HttpResponse<String> linkDuringOutage = get(link);
        assertThat(linkDuringOutage.statusCode()).isIn(200, 503);
        if (linkDuringOutage.statusCode() == 503) {
            assertThat(linkDuringOutage.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(linkDuringOutage.body()).contains("data-page=\"UNAVAILABLE\"", "open it again in a minute", link);
        }

        // CHeKT resends what was refused, every second, while the disk stays full: refused every time, never a 500.
        List<Integer> answersWhileFull = new CopyOnWriteArrayList<>();
        await().atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (TestAlarm alarm : during) {
                answersWhileFull.add(deliverWebhookOnce(alarm.body()).statusCode());
            }
            return Duration.between(fullAt, Instant.now()).compareTo(OUTAGE) >= 0;
        });
        assertThat(answersWhileFull).as("answers while the disk is full").isNotEmpty().containsOnly(503);

        // Space returns. CHeKT goes on resending; nobody restarts anything.
        Instant spaceBackAt = Instant.now();
        refuseWrites(false);
        await().atMost(RECOVERY_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> deliverWebhookOnce(during.get(0).body()).statusCode() / 100 == 2);
        Duration recovered = Duration.between(spaceBackAt, Instant.now());
        for (TestAlarm alarm : during.subList(1, during.size())) {
            assertThat(deliverWebhook(alarm.body()).statusCode()).isIn(200, 202);
        }
        List<TestAlarm> after = fresh(3);
        for (TestAlarm alarm : after) {
            assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        }
        assertThat(decide(before.get(0).verificationId(), "{\"contact_id\":" + ANN + ",\"action\":\"dispatch\"}")
                .statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health").statusCode() == 200);
        assertThat(metrics()).contains("verification_storage_unavailable 0.0");
        assertThat(get(link).statusCode()).as("the contact's link after the outage").isEqualTo(200);

        // Nothing acknowledged is lost or doubled, and every alarm reached its first contact.
        List<TestAlarm> all = Stream.of(before, during, after).flatMap(List::stream).toList();
        await().atMost(Duration.ofSeconds(90)).until(() -> allFirstContactsNotified(all));
        for (TestAlarm alarm : all) {
            String id = alarm.verificationId().toString();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM verification WHERE verification_id = ?", Integer.class,
                    alarm.verificationId())).as("stored %s", id).isEqualTo(1);
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id).count())
                    .as("process instances of %s, running or ended", id).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notified_contact WHERE verification_id = ? AND position = 1",
                    Integer.class, alarm.verificationId())).as("first contact notified once for %s", id).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                CHEKT.verify(1, patchRequestedFor(urlEqualTo(before.get(0).patchPath()))));

        // The log said it once when it began and once when it ended; nothing in between.
        List<ILoggingEvent> outageLines = log.from(StorageOutage.class);
        assertThat(outageLines).extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactly(began -> assertThat(began).startsWith("Storage unavailable since")
                                .containsAnyOf(expectedCauses().toArray(String[]::new)),
                        ended -> assertThat(ended).startsWith("Storage writes again after"));
        Instant began = Instant.ofEpochMilli(outageLines.get(0).getTimeStamp());
        Instant ended = Instant.ofEpochMilli(outageLines.get(1).getTimeStamp());
        List<ILoggingEvent> failuresLogged = log.storageFailures();
        // A failure met by another thread in the instant the outage began may still pass: allow it a second.
        List<ILoggingEvent> heldBack = failuresLogged.stream()
                .filter(event -> Instant.ofEpochMilli(event.getTimeStamp()).isAfter(began.plusSeconds(1))
                        && Instant.ofEpochMilli(event.getTimeStamp()).isBefore(ended)).toList();
        System.out.printf("[full-disk %s] disk full at %s; outage logged %d ms later; space back after %d s; a webhook"
                        + " answered 2xx %d ms after space came back (limit %d s); storage failures logged in all: %d;"
                        + " outage log lines: %d; writes the disk refused: %s%n",
                ServiceDatabase.postgres() ? "postgresql" : "h2", fullAt, Duration.between(fullAt, began).toMillis(),
                Duration.between(fullAt, spaceBackAt).toSeconds(), recovered.toMillis(), RECOVERY_LIMIT.toSeconds(),
                failuresLogged.size(), outageLines.size(),
                ServiceDatabase.postgres() ? "n/a" : FailingDisk.refused());
        assertThat(heldBack).as("storage failures logged while the outage was known").isEmpty();
        assertThat(lowSpaceTasks()).as("one alert per episode of low space").hasSize(1);
        assertThat(recovered).isLessThanOrEqualTo(RECOVERY_LIMIT);
    }

    /** H2: the disk's own refusal. PostgreSQL: the ended sessions, or the refusal of the new ones, whichever came first. */
    private static List<String> expectedCauses() {
        return ServiceDatabase.postgres()
                // Sessions ended by the test fail as terminated (57P01) or, caught mid-write, as a lost connection (08006).
                ? List.of("database refuses writes (read-only)", "database unreachable (SQLSTATE 57P01)",
                        "database unreachable (SQLSTATE 08006)")
                // Whichever request meets the full disk first sees "disk full"; H2 then closes the whole database,
                // and a request arriving after that (a slow machine) reads the closed file instead.
                : List.of(StorageFailure.DISK_FULL, StorageFailure.DATABASE_CLOSED);
    }

    /** H2: the disk refuses writes. PostgreSQL: the database refuses them, from new sessions and (ended) old ones. */
    private static void refuseWrites(boolean refuse) {
        if (!ServiceDatabase.postgres()) {
            if (refuse) {
                FailingDisk.fail(FailingDisk.DISK_FULL);
            } else {
                FailingDisk.heal();
            }
            return;
        }
        JdbcTemplate admin = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres", TestPostgres.USER,
                TestPostgres.PASSWORD));
        admin.execute("ALTER DATABASE " + postgres.name() + (refuse ? " SET default_transaction_read_only = on"
                : " RESET default_transaction_read_only"));
        if (refuse) {
            admin.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?",
                    postgres.name());
        }
    }

    private List<Task> lowSpaceTasks() {
        return tasks.createTaskQuery().taskNameLike("Disk space low on node %").taskCandidateGroup("supervisors").list();
    }

    private boolean allFirstContactsNotified(List<TestAlarm> alarms) throws Exception {
        for (TestAlarm alarm : alarms) {
            if (contactsNotified(alarm.verificationId()) < 1) {
                return false;
            }
        }
        return true;
    }

    /** GET without credentials, as a load balancer or a contact's phone. */
    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The storage check's details, which the station's login sees. */
    private JsonNode storageDetails() throws Exception {
        HttpResponse<String> health = http.send(station(HttpRequest.newBuilder(uri("/actuator/health"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(health.body()).at("/components/storage/details");
    }

    private String metrics() throws Exception {
        return http.send(metrics(HttpRequest.newBuilder(uri("/actuator/prometheus"))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<TestAlarm> fresh(int count) {
        return new ArrayList<>(IntStream.range(0, count).mapToObj(i -> TestAlarm.onContractSite("motion")).toList());
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("full-disk-test");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The warnings and errors the service logs while the test runs, from every logger, and the response links. */
    private static final class WarningsAndErrors extends AppenderBase<ILoggingEvent> {

        private static final Pattern LINK = Pattern.compile("Response link for .*: \\S+(/respond/[A-Za-z0-9_-]+)");
        /** Logged by the same job right after the link it sent. */
        private static final Pattern NOTIFIED = Pattern.compile("Notified contact \\d+ \\(position \\d+\\) of verification (\\S+) by log");

        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
        private final Map<String, String> lastLinkOfThread = new ConcurrentHashMap<>();
        private final Map<String, String> linkOfVerification = new ConcurrentHashMap<>();

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                events.add(event);
            }
            Matcher link = LINK.matcher(event.getFormattedMessage());
            if (link.matches()) {
                lastLinkOfThread.put(event.getThreadName(), link.group(1));
            }
            Matcher notified = NOTIFIED.matcher(event.getFormattedMessage());
            if (notified.matches() && lastLinkOfThread.containsKey(event.getThreadName())) {
                linkOfVerification.put(notified.group(1), lastLinkOfThread.remove(event.getThreadName()));
            }
        }

        /** The path of the response link the log channel sent for the verification, {@code /respond/<token>}. */
        String responseLink(TestAlarm alarm) {
            return linkOfVerification.get(alarm.verificationId().toString());
        }

        List<ILoggingEvent> from(Class<?> logger) {
            return events.stream().filter(event -> event.getLoggerName().equals(logger.getName())).toList();
        }

        /** Events carrying a storage failure as their throwable (what the engine logs for every failed job and poll). */
        List<ILoggingEvent> storageFailures() {
            return events.stream().filter(event -> event.getThrowableProxy() instanceof ThrowableProxy proxy
                    && StorageFailure.in(proxy.getThrowable()).isPresent()).toList();
        }
    }
}
