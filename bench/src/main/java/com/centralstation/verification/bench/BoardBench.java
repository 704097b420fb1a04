package com.centralstation.verification.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The operator board under load: a service JVM on a fresh database (timers far out, so every verification stays open)
 * takes a storm of alarms through the signed webhook while a board's event stream is open, then answers
 * {@code GET /api/board} with all of them open.
 * <ul>
 *   <li>stream lag: from the moment an alarm's webhook was answered 202 (committed) to the moment the stream's event
 *       naming it arrived: taken into the inbox ({@code request_received}, on the board as received), and started
 *       ({@code verification_received}, its first contact being notified); an event names at most 500 changes, the
 *       oldest of its batch, so the alarms timed are those of the busiest moments first;</li>
 *   <li>{@code /api/board} first page (50) while the storm runs, sampled four times a second;</li>
 *   <li>{@code /api/board} first page with every alarm open, one request after the other.</li>
 * </ul>
 * Each {@code /api/board} figure has a baseline taken in turns with it: the read API's page of 50 open verifications
 * ({@value #BASELINE}), the same HTTP, login and JSON without the board's work, so a shared machine's noise shows in
 * both.
 * <pre>
 * java -cp bench/target/bench.jar com.centralstation.verification.bench.BoardBench [--db=h2,postgres] [--quick]
 *     [--open=10000] [--reads=1000] [--senders=16] [--service-jar=PATH]
 * </pre>
 */
public final class BoardBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 50;
    private static final int FIRE_EVERY = 100;
    /** The read API's own page of 50 open verifications: the same HTTP, login and JSON, without the board's work. */
    private static final String BASELINE = "/api/verifications?state=open&limit=50";

    private final HttpClient http = Target.client();
    private final Path workDir;
    private final Map<String, String> options;

    private BoardBench(Path workDir, Map<String, String> options) {
        this.workDir = workDir;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq < 0 ? arg.length() : eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        Path benchDir = BenchMain.benchDir();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path workDir = benchDir.resolve("target/bench-work/board-" + stamp);
        Files.createDirectories(workDir);
        Machine before = Machine.describe();
        StringBuilder report = new StringBuilder();
        try {
            BoardBench bench = new BoardBench(workDir, options);
            for (String db : options.getOrDefault("db", "h2").split(",")) {
                report.append(bench.run(db));
            }
        } finally {
            Database.stopServer();
        }
        Machine after = Machine.describe();
        String text = "## Operator board, " + (options.containsKey("quick") ? "quick" : "full") + " run, "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now()) + "\n\n"
                + "- Machine: " + before.cores() + " cores (" + before.cpu() + "), " + before.memoryMb() + " MiB, " + before.jdk() + "\n"
                + "- Noise: load average (1/5/15 min) " + before.loadAverage() + " at start, " + after.loadAverage()
                + " at end; other JVMs " + before.otherJvms() + " at start (the machine is shared)\n\n" + report;
        System.out.println(text);
        Files.writeString(workDir.resolve("board-results.md"), text);
        System.out.println("written to " + workDir.resolve("board-results.md"));
    }

    private String run(String kind) throws Exception {
        boolean quick = options.containsKey("quick");
        int open = Integer.parseInt(options.getOrDefault("open", quick ? "1000" : "10000"));
        int reads = Integer.parseInt(options.getOrDefault("reads", quick ? "200" : "1000"));
        int senders = Integer.parseInt(options.getOrDefault("senders", "16"));
        Database db = Database.fresh(kind, workDir, "board");
        System.out.println("-- board on " + db.label() + ": " + open + " alarms");
        try (ChektStub chekt = new ChektStub(); ChildJvm jvm = startService(db, chekt)) {
            Target target = new Target(http, jvm.port());
            Stream stream = Stream.open(http, target.uri("/api/board/stream"));
            List<Webhooks.Alarm> alarms = IntStream.range(0, open)
                    .mapToObj(i -> i % FIRE_EVERY == FIRE_EVERY - 1 ? Webhooks.fresh("fire") : Webhooks.fresh()).toList();
            Map<UUID, Long> answeredAt = new ConcurrentHashMap<>();
            AtomicBoolean storming = new AtomicBoolean(true);
            List<Double> duringStorm = new ArrayList<>();
            List<Double> baselineInStorm = new ArrayList<>();
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
                while (storming.get()) {
                    duringStorm.add(firstPageMillis(target));
                    baselineInStorm.add(millis(target, BASELINE));
                    pause(250);
                }
            });
            Senders.Outcome outcome = Senders.run(senders, alarms, 0, (alarm, sentAt) -> {
                int status = target.deliver(alarm);
                if (status == 202) {
                    answeredAt.put(alarm.verificationId(), System.nanoTime());
                }
                return status;
            });
            storming.set(false);
            sampler.join();
            System.out.printf("  storm: %d alarms in %.1f s, %d accepted%n", open, outcome.elapsedNanos() / 1e9, answeredAt.size());
            // The last events come about a poll after the last answer: wait until every alarm is named or the stream is quiet.
            Target.await(Duration.ofSeconds(60), () -> answeredAt.keySet().stream().allMatch(stream.received::containsKey)
                    || System.nanoTime() - stream.lastEvent > Duration.ofSeconds(5).toNanos());
            List<Double> lags = lags(answeredAt, stream.received);
            List<Double> startLags = lags(answeredAt, stream.started);
            stream.close();
            Target.await(Duration.ofMinutes(10), () -> target.pendingContinuations() == 0);

            for (int i = 0; i < Math.min(50, reads); i++) {
                firstPageMillis(target);
                millis(target, BASELINE);
            }
            // Taken in turns with the baseline, so both see the same machine: what the board costs beyond it is the board.
            List<Double> quiet = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            for (int i = 0; i < reads; i++) {
                quiet.add(firstPageMillis(target));
                baseline.add(millis(target, BASELINE));
            }
            JsonNode page = firstPage(target);
            long total = page.get("counts").get("total").asLong();
            return table(db.label(), open, answeredAt.size(), total, stream, Stats.of(lags), Stats.of(startLags), answered(duringStorm),
                    answered(baselineInStorm), answered(quiet), answered(baseline));
        }
    }

    /** Per alarm named by the stream, from its 202 to the event, in ms. */
    private static List<Double> lags(Map<UUID, Long> answeredAt, Map<UUID, Long> named) {
        List<Double> lags = new ArrayList<>();
        answeredAt.forEach((id, answered) -> {
            Long seen = named.get(id);
            if (seen != null) {
                lags.add(Math.max(0, seen - answered) / 1e6);
            }
        });
        return lags;
    }

    private static String table(String database, int sent, int accepted, long onTheBoard, Stream stream, Stats lag, Stats startLag,
                                Stats duringStorm, Stats baselineInStorm, Stats quiet, Stats baseline) {
        StringBuilder out = new StringBuilder("### " + database + "\n\n| Figure | Value | Target |\n|---|---:|---|\n");
        out.append(row("Alarms sent / accepted (202) / open on the board afterwards",
                sent + " / " + accepted + " / " + onTheBoard, "all"));
        out.append(row("Stream lag, webhook answered → event naming the alarm received, ms p50 / p95 / p99 / max", quad(lag), "≤ 2,000"));
        out.append(row("  alarms named by the stream (the others only counted in \"more\")",
                lag.count() + " of " + accepted + ", " + stream.events + " events", ""));
        out.append(row("Webhook answered → event naming the alarm started (first contact notified), ms p50 / p95 / p99 / max",
                quad(startLag) + " (" + startLag.count() + " named)", ""));
        out.append(row("GET /api/board first page (50) during the storm, ms p50 / p95 / p99 / max",
                quad(duringStorm) + " (" + duringStorm.count() + " requests)", ""));
        out.append(row("  baseline in turns: GET " + BASELINE + ", ms p50 / p95 / p99 / max", quad(baselineInStorm)
                + String.format(Locale.ROOT, " (board / baseline at p50: %.1f)", duringStorm.p50() / baselineInStorm.p50()), ""));
        out.append(row("GET /api/board first page (50) with all open, ms p50 / p95 / p99 / max",
                quad(quiet) + " (" + quiet.count() + " requests)", "p95 < 100"));
        out.append(row("  baseline in turns: GET " + BASELINE + ", ms p50 / p95 / p99 / max",
                quad(baseline) + String.format(Locale.ROOT, " (board / baseline at p50: %.1f)", quiet.p50() / baseline.p50()), ""));
        return out.append("\n").toString();
    }

    /** The requests that were answered 200 (a failed one is NaN and left out; the table counts what is left). */
    private static Stats answered(List<Double> millis) {
        return Stats.of(millis.stream().filter(value -> !value.isNaN()).toList());
    }

    private static String row(String name, String value, String target) {
        return "| " + name + " | " + value + " | " + target + " |\n";
    }

    private static String quad(Stats stats) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f", stats.p50(), stats.p95(), stats.p99(), stats.max());
    }

    private ChildJvm startService(Database db, ChektStub chekt) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> arguments = new ArrayList<>(List.of("-jar", serviceJar().toString(), "--server.port=" + port,
                "--camunda.bpm.admin-user.password=" + Target.ADMIN_PASSWORD,
                "--verification.api.username=" + Target.STATION_USER, "--verification.api.password=" + Target.STATION_PASSWORD,
                "--verification.audit.chain-key=bench-audit-chain-key-0123456789abcdef",
                "--verification.metrics.password=bench-metrics-password",
                "--chekt.base-url=" + chekt.baseUrl(), "--chekt.token-url=" + chekt.baseUrl() + "/oauth/token",
                "--chekt.client-id=bench-client", "--chekt.client-secret=bench-client-secret",
                "--chekt.webhook-secret=" + Webhooks.SECRET,
                "--verification.notification.public-base-url=http://localhost:" + port,
                "--verification.notification.channels=log",
                // Far out: every verification stays open, so the board holds them all when it is read.
                "--verification.escalation.first=PT30M", "--verification.escalation.second=PT60M",
                "--verification.escalation.third=PT90M"));
        arguments.addAll(db.serviceArguments());
        ChildJvm jvm = ChildJvm.start("board-" + db.kind(), port, List.of("-Xms256m", "-Xmx1g"), arguments, workDir);
        jvm.awaitReadyOrStop(http, new Target(http, port).uri("/actuator/health"));
        return jvm;
    }

    private Path serviceJar() throws IOException {
        Path jar = options.containsKey("service-jar") ? Path.of(options.get("service-jar")) : null;
        if (jar == null) {
            Path target = BenchMain.benchDir().resolveSibling("app").resolve("target");
            try (var jars = Files.list(target)) {
                jar = jars.filter(p -> p.getFileName().toString().matches("app-.*\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no app jar in " + target + ": build it first"));
            }
        }
        Path copy = workDir.resolve("service.jar");
        return Files.exists(copy) ? copy : Files.copy(jar, copy);
    }

    private double firstPageMillis(Target target) {
        return millis(target, "/api/board?limit=" + PAGE);
    }

    private double millis(Target target, String path) {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(target.uri(path)).header("Authorization", station())
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                return Double.NaN;
            }
        } catch (IOException | InterruptedException e) {
            return Double.NaN;
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private JsonNode firstPage(Target target) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(target.uri("/api/board?limit=" + PAGE))
                .header("Authorization", station()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("/api/board answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private static String station() {
        return "Basic " + Base64.getEncoder().encodeToString((Target.STATION_USER + ":" + Target.STATION_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The board's event stream, read as EventSource reads it: when each verification was first named. */
    private static final class Stream {

        /** When the stream first named each alarm taken into the inbox, and started. */
        final Map<UUID, Long> received = new ConcurrentHashMap<>();
        final Map<UUID, Long> started = new ConcurrentHashMap<>();
        volatile int events;
        volatile long lastEvent = System.nanoTime();
        private final CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

        private Stream(CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response) {
            this.response = response;
        }

        static Stream open(HttpClient http, URI uri) {
            Stream stream = new Stream(http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", station())
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines()));
            stream.response.thenAcceptAsync(answer -> {
                try (java.util.stream.Stream<String> lines = answer.body()) {
                    lines.filter(line -> line.startsWith("data:")).forEach(line -> stream.read(line.substring(5).strip()));
                } catch (RuntimeException closed) {
                    // the stream was closed
                }
            });
            return stream;
        }

        private void read(String data) {
            long now = System.nanoTime();
            lastEvent = now;
            events++;
            try {
                for (JsonNode change : JSON.readTree(data).get("changes")) {
                    UUID id = UUID.fromString(change.get("verification_id").asText());
                    switch (change.get("change").asText()) {
                        case "request_received" -> received.putIfAbsent(id, now);
                        case "verification_received" -> started.putIfAbsent(id, now);
                        default -> { }
                    }
                }
            } catch (IOException unreadable) {
                throw new IllegalStateException("an event that is not JSON: " + data, unreadable);
            }
        }

        void close() {
            response.thenAccept(answer -> answer.body().close());
        }
    }
}
