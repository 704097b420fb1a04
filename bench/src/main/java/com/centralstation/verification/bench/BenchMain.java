package com.centralstation.verification.bench;

import com.centralstation.verification.bpmn.AlarmVerificationModel;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.stream.IntStream;

/**
 * The harness: per database, the bare-engine baseline and then the service, each in its own JVM, under the same
 * alarm storm from the same 16 senders; then the decision and timer scenarios on the service; then a table on
 * stdout and in RESULTS.md. See bench/README section in the project README for how to read it.
 */
public final class BenchMain {

    /** Decisions per second sent during the storm's intake: a contact now and then, not a second storm. */
    static final double STORM_DECISION_RATE = 5;

    private static final String FIRST_TIMER_ACTIVITY = AlarmVerificationModel.Event.FIRST_ESCALATION;

    private final Options options;
    private final Path workDir;
    private final HttpClient http = Target.client();
    private final ChektStub chekt;
    /** Wall-clock send time of each fire alarm, to compare with the time the service recorded its hand-over. */
    private final Map<UUID, Instant> fireSentAt = new ConcurrentHashMap<>();

    private BenchMain(Options options, Path workDir, ChektStub chekt) {
        this.options = options;
        this.workDir = workDir;
        this.chekt = chekt;
    }

    public static void main(String[] args) throws Exception {
        Path benchDir = benchDir();
        Options options;
        try {
            options = Options.parse(args, benchDir);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.exit(2);
            return;
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path workDir = benchDir.resolve("target/bench-work/" + stamp);
        Files.createDirectories(workDir);
        Machine before = Machine.describe();
        Instant started = Instant.now();
        Map<String, List<Measurements>> results = new LinkedHashMap<>();
        try (ChektStub chekt = new ChektStub()) {
            BenchMain bench = new BenchMain(options, workDir, chekt);
            for (String db : options.databases()) {
                for (int rep = 1; rep <= options.repetitions(); rep++) {
                    System.out.printf("== %s, repetition %d of %d ==%n", db, rep, options.repetitions());
                    results.computeIfAbsent(db, d -> new ArrayList<>()).add(bench.suite(db, rep));
                }
            }
        } finally {
            Database.stopServer();
        }
        Machine after = Machine.describe();
        String report = Report.render(options, results, before, after, started, Instant.now(),
                Report.shown(benchDir.getParent(), workDir));
        System.out.println(report);
        Report.writeInto(options.results(), report);
        Files.writeString(workDir.resolve("results.md"), report);
        System.out.println("written to " + options.results() + " (logs in " + workDir + ")");
    }

    private Measurements suite(String kind, int rep) throws Exception {
        Measurements m = new Measurements();
        double commits = CommitProbe.commitsPerSecond(Database.fresh(kind, workDir, "commit-probe-" + rep), options.senders(),
                Duration.ofSeconds(10));
        m.put("commit.limit", commits);
        System.out.printf("-- durable commit probe on %s: %.0f commits/s (plain JDBC, %d connections, one row each)%n",
                kind, commits, options.senders());
        if (options.bare()) {
            bare(kind, rep, m);
        }
        service(kind, rep, m);
        if (m.get("intake.app") != null) {
            m.put("ratio.intake.commits", m.get("intake.app") / commits);
        }
        if (options.bare() && m.get("intake.bare") != null && m.get("intake.app") != null) {
            m.put("ratio.intake", m.get("intake.app") / m.get("intake.bare"));
            m.put("ratio.drain", m.get("drain.app") / m.get("drain.bare"));
            // CPU per alarm, inverted: the share of the bare engine's throughput the service reaches on the same cores.
            m.put("ratio.cpu.intake", m.get("cpu.intake.bare") / m.get("cpu.intake.app"));
            m.put("ratio.cpu.drain", m.get("cpu.drain.bare") / m.get("cpu.drain.app"));
        }
        return m;
    }

    // ---- the baseline ---------------------------------------------------------------------------------------

    private void bare(String kind, int rep, Measurements m) throws Exception {
        Database db = Database.fresh(kind, workDir, "bare-" + rep);
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("-cp", absoluteClassPath(),
                BareEngineMain.class.getName(), "--port=" + port, "--db-url=" + db.jdbcUrl(), "--db-user=" + db.user(),
                "--db-password=" + db.password(), "--pool-size=" + (kind.equals("h2") ? 20 : 24),
                "--first=" + options.firstTimer()));
        arguments.addAll(bareMirror());
        System.out.println("-- bare engine on " + db.label());
        try (ChildJvm jvm = ChildJvm.start("bare-" + kind + "-" + rep, port, options.jvmOptions(), arguments, workDir)) {
            Target target = new Target(http, port);
            jvm.awaitReady(http, target.uri("/engine-rest/job/count"));
            storm(target, jvm, options.warmup(), "bare warm-up", null, null);
            storm(target, jvm, options.alarms(), "bare intake", m, "bare");
            m.put("bare.rss", jvm.peakRssMb());
            m.put("bare.heap.used", jvm.peakHeapMb()[0]);
        }
    }

    /** The job executor, history and pool settings given with --set, in the bare engine's words. */
    private List<String> bareMirror() {
        Map<String, String> names = Map.of(
                "camunda.bpm.history-level", "history-level",
                "spring.datasource.hikari.maximum-pool-size", "pool-size",
                "camunda.bpm.generic-properties.properties.job-executor-prefer-timer-jobs", "prefer-timer-jobs",
                "camunda.bpm.generic-properties.properties.job-executor-acquire-by-due-date", "acquire-by-due-date");
        List<String> mirrored = new ArrayList<>();
        options.serviceSettings().forEach((key, value) -> {
            if (key.startsWith("camunda.bpm.job-execution.")) {
                mirrored.add("--" + key.substring("camunda.bpm.job-execution.".length()) + "=" + value);
            } else if (names.containsKey(key)) {
                mirrored.add("--" + names.get(key) + "=" + value);
            }
        });
        return mirrored;
    }

    // ---- the service ----------------------------------------------------------------------------------------

    /**
     * The service twice, each JVM fresh on a fresh database: once with timers far out (30/60/90 minutes) for the
     * decision scenario, so no timer fires while decisions are timed and the open verifications just wait; once with
     * the first timer compressed for the storm and the timers.
     */
    private void service(String kind, int rep, Measurements m) throws Exception {
        if (options.decisionScenario()) {
            Database decisionDb = Database.fresh(kind, workDir, "app-decisions-" + rep);
            System.out.println("-- service on " + decisionDb.label() + ", decisions");
            // Timers far out: on a slow machine the shipped 2 minutes can pass before the decisions start, and a
            // timer backlog (preferred by the job executor) would then be what the decisions' submit jobs wait for.
            List<String> quietTimers = List.of("--verification.escalation.first=PT30M",
                    "--verification.escalation.second=PT60M", "--verification.escalation.third=PT90M");
            try (ChildJvm jvm = startService("app-decisions-" + kind + "-" + rep, decisionDb, serviceJar(), quietTimers, m)) {
                Target target = new Target(http, jvm.port());
                storm(target, jvm, options.warmup(), "warm-up", null, null);
                long tokens = chekt.tokensIssued();
                decisions(target, m);
                m.put("decision.tokens", chekt.tokensIssued() - tokens);
            }
        }

        Database db = Database.fresh(kind, workDir, "app-storm-" + rep);
        System.out.println("-- service on " + db.label() + ", storm and timers");
        Set<UUID> storm = new HashSet<>();
        Set<UUID> fires = new HashSet<>();
        H2FileSizes fileSizes = H2FileSizes.watch(db, workDir.resolve("h2-size-" + kind + "-" + rep + ".csv"));
        try (ChildJvm jvm = startService("app-storm-" + kind + "-" + rep, db, serviceJar(), stormTimers(), m)) {
            Target target = new Target(http, jvm.port());
            long stormStart = System.nanoTime();
            stormWithDecisions(target, jvm, "app", m, storm, fires);
            double drainedAfter = (System.nanoTime() - stormStart) / 1e9;
            if (drainedAfter > options.firstTimer().toSeconds()) {
                m.note(String.format(java.util.Locale.ROOT, "timer scenario: the storm took %.0f s to drain, longer than the "
                        + "first timer (%s): early timers came due while first notifications were still queued",
                        drainedAfter, options.firstTimer()));
            }
            awaitFirstTimers(target, m);
            m.put("app.rss", jvm.peakRssMb());
            double[] heap = jvm.peakHeapMb();
            m.put("app.heap.used", heap[0]);
            m.put("app.heap.committed", heap[1]);
        } finally {
            fileSizes.stop(m);
        }
        // Read after the service stopped: an H2 file is the service's own while it runs.
        afterTheFact(db, storm, m);
        fireToOperatorTask(db, fires, m);
        for (Map.Entry<String, Path> compared : options.compared().entrySet()) {
            compared(kind, rep, compared.getKey(), compared.getValue(), m);
        }
    }

    private List<String> stormTimers() {
        return List.of("--verification.escalation.first=" + options.firstTimer(),
                "--verification.escalation.second=PT30M", "--verification.escalation.third=PT60M");
    }

    /**
     * The storm of a service jar to compare with (--compare), in the same run against the same bare engine: warm-up,
     * then the storm with its decisions, measured under keys {@code <figure>.cmp-<label>}; no timers.
     */
    private void compared(String kind, int rep, String label, Path jar, Measurements m) throws Exception {
        Database db = Database.fresh(kind, workDir, "cmp-" + label + "-" + rep);
        System.out.println("-- service " + label + " (" + jar.getFileName() + ") on " + db.label() + ", storm only");
        try (ChildJvm jvm = startService("cmp-" + label + "-" + kind + "-" + rep, db, copied(jar, "service-" + label + ".jar"),
                stormTimers(), null)) {
            stormWithDecisions(new Target(http, jvm.port()), jvm, "cmp-" + label, m, new HashSet<>(), new HashSet<>());
        }
    }

    /**
     * The warm-up, then the storm (every {@code --fire-every}th a fire alarm) while contacts of warm-up alarms decide,
     * measured under {@code who}.
     */
    private void stormWithDecisions(Target target, ChildJvm jvm, String who, Measurements m, Set<UUID> storm,
                                    Set<UUID> fires) throws Exception {
        List<Webhooks.Alarm> warmedUp = freshAlarms(options.warmup());
        storm(target, jvm, warmedUp, "warm-up", null, null, null);
        // Contacts of alarms that arrived before the storm decide while it is being taken in: their submissions
        // compete with the storm's backlog of first notifications (job priorities put them first).
        List<Webhooks.Alarm> decidedInStorm = warmedUp.subList(0, Math.min(options.stormDecisions(), warmedUp.size()));
        String decisionKey = who.equals("app") ? "storm.decision" : who + ".storm.decision";
        Callable<Void> decideMeanwhile = () -> {
            long accepted = timeDecisions(target, decidedInStorm, STORM_DECISION_RATE, decisionKey, m);
            System.out.printf("  decisions during the storm: %d sent at %.0f/s, %d accepted; %s%n", decidedInStorm.size(),
                    STORM_DECISION_RATE, accepted, decisionFigures(m, decisionKey));
            return null;
        };
        List<Webhooks.Alarm> stormAlarms = stormWithFires(options.alarms());
        stormAlarms.stream().filter(a -> fireSentAt.containsKey(a.verificationId())).forEach(a -> fires.add(a.verificationId()));
        storm.addAll(storm(target, jvm, stormAlarms, who.equals("app") ? "intake" : who + " intake", m, who,
                decidedInStorm.isEmpty() ? null : decideMeanwhile));
    }

    /**
     * The storm's alarms: motion alarms of CHeKT priority HIGH (class high), and every {@code --fire-every}th a fire
     * alarm (class life-safety), whose send time is kept.
     */
    private List<Webhooks.Alarm> stormWithFires(int count) {
        fireSentAt.clear();
        int every = options.fireEvery();
        return IntStream.range(0, count).mapToObj(i -> {
            if (every > 0 && i % every == every - 1) {
                Webhooks.Alarm fire = Webhooks.fresh("fire");
                fireSentAt.put(fire.verificationId(), Instant.EPOCH);
                return fire;
            }
            return Webhooks.fresh();
        }).toList();
    }

    /**
     * Fire webhook sent → operator task: the hand-over audit event, written in the transaction that creates the task,
     * against the wall-clock time the sender started the request (one machine, one clock).
     */
    private void fireToOperatorTask(Database db, Set<UUID> fires, Measurements m) throws SQLException {
        if (fires.isEmpty()) {
            return;
        }
        Map<UUID, Instant> handedOver = new HashMap<>();
        try (Connection connection = db.connect(); ResultSet rows = connection.createStatement().executeQuery(
                "SELECT verification_id, occurred_at FROM audit_event WHERE type = 'HANDED_OVER_TO_OPERATOR'")) {
            while (rows.next()) {
                handedOver.merge(UUID.fromString(rows.getString(1)), rows.getObject(2, OffsetDateTime.class).toInstant(),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Double> latencies = new ArrayList<>();
        for (UUID fire : fires) {
            Instant sent = fireSentAt.get(fire);
            if (handedOver.containsKey(fire) && sent != null && !sent.equals(Instant.EPOCH)) {
                latencies.add(Duration.between(sent, handedOver.get(fire)).toNanos() / 1e6);
            }
        }
        if (latencies.size() < fires.size()) {
            m.note("fire scenario: operator task found for " + latencies.size() + " of " + fires.size() + " fire alarms");
        }
        Stats stats = Stats.of(latencies);
        m.put("fire.task", stats);
        System.out.printf("  fire webhook -> operator task ms: p50 %.0f p99 %.0f max %.0f over %d%n",
                stats.p50(), stats.p99(), stats.max(), stats.count());
    }

    /** @param m where its start-up time goes; null for none */
    private ChildJvm startService(String name, Database db, Path jar, List<String> extra, Measurements m) throws Exception {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--camunda.bpm.admin-user.password=" + Target.ADMIN_PASSWORD,
                "--verification.api.username=" + Target.STATION_USER,
                "--verification.api.password=" + Target.STATION_PASSWORD,
                "--verification.audit.chain-key=bench-audit-chain-key-0123456789abcdef",
                "--verification.metrics.password=" + Target.METRICS_PASSWORD,
                "--chekt.base-url=" + chekt.baseUrl(),
                "--chekt.token-url=" + chekt.baseUrl() + "/oauth/token",
                "--chekt.client-id=bench-client",
                "--chekt.client-secret=bench-client-secret",
                "--chekt.webhook-secret=" + Webhooks.SECRET,
                "--verification.notification.public-base-url=http://localhost:" + port,
                "--verification.notification.channels=log"));
        arguments.addAll(extra);
        arguments.addAll(db.serviceArguments());
        options.serviceSettings().forEach((key, value) -> arguments.add("--" + key + "=" + value));
        long startedAt = System.nanoTime();
        ChildJvm jvm = ChildJvm.start(name, port, options.jvmOptions(), arguments, workDir);
        jvm.awaitReadyOrStop(http, new Target(http, port).uri("/actuator/health"));
        if (m != null) {
            m.put("app.startup.s", (System.nanoTime() - startedAt) / 1e9);
        }
        return jvm;
    }

    /**
     * Scenario 1 (and the baseline's intake): alarms from the senders as fast as they are answered; then until
     * every one has run through its first notification (no async continuation left).
     * @return the verification ids answered 202
     */
    private Set<UUID> storm(Target target, ChildJvm jvm, int count, String label, Measurements m, String who) throws Exception {
        return storm(target, jvm, freshAlarms(count), label, m, who, null);
    }

    private static List<Webhooks.Alarm> freshAlarms(int count) {
        return IntStream.range(0, count).mapToObj(i -> Webhooks.fresh()).toList();
    }

    /** @param meanwhile started with the senders on its own thread, awaited after the storm drained (may be null) */
    private Set<UUID> storm(Target target, ChildJvm jvm, List<Webhooks.Alarm> alarms, String label, Measurements m, String who,
                            Callable<Void> meanwhile) throws Exception {
        int count = alarms.size();
        boolean profiled = options.profile() && m != null;
        if (profiled) {
            jvm.startRecording(workDir.resolve("jfr-" + jvm.name() + ".jfr"));
        }
        double cpuBefore = jvm.cpuSeconds();
        long start = System.nanoTime();
        FutureTask<Void> side = meanwhile == null ? null : new FutureTask<>(meanwhile);
        if (side != null) {
            new Thread(side, "meanwhile").start();
        }
        Senders.Outcome outcome = Senders.run(options.senders(), alarms, 0, (alarm, sentAt) -> {
            fireSentAt.computeIfPresent(alarm.verificationId(), (id, never) -> Instant.now());
            return target.deliver(alarm);
        });
        double cpuIntake = jvm.cpuSeconds() - cpuBefore;
        Set<UUID> accepted = new HashSet<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (int i = 0; i < alarms.size(); i++) {
            int status = outcome.statuses().get(i);
            byStatus.merge(status, 1, Integer::sum);
            if (status == 202) {
                accepted.add(alarms.get(i).verificationId());
            }
        }
        double rate = accepted.size() / (outcome.elapsedNanos() / 1e9);
        System.out.printf("  %s: %d alarms in %.1f s, %.0f accepted/s, statuses %s%n", label, count,
                outcome.elapsedNanos() / 1e9, rate, byStatus);
        boolean drained = Target.await(Duration.ofMinutes(10), target::drained);
        double drainSeconds = (System.nanoTime() - start) / 1e9;
        double cpuDrain = jvm.cpuSeconds() - cpuBefore;
        if (profiled) {
            jvm.stopRecording();
        }
        if (side != null) {
            side.get();
        }
        System.out.printf("  %s: first notifications done after %.1f s (%.0f alarms/s)%s; JVM CPU ms per alarm: %.2f in "
                        + "intake, %.2f in all%n", label, drainSeconds, count / drainSeconds,
                drained ? "" : " -- NOT DRAINED, timed out", cpuIntake * 1000 / count, cpuDrain * 1000 / count);
        if (m != null) {
            m.put("intake." + who, rate);
            m.put("intake." + who + ".accepted", accepted.size());
            m.put("intake." + who + ".refused", count - accepted.size());
            m.put("drain." + who, drained ? count / drainSeconds : Double.NaN);
            m.put("cpu.intake." + who, cpuIntake * 1000 / count);
            m.put("cpu.drain." + who, cpuDrain * 1000 / count);
            if (accepted.size() != count) {
                m.note(who + " " + label + ": " + (count - accepted.size()) + " of " + count + " not answered 202: " + byStatus);
            }
        }
        return accepted;
    }

    private static String decisionFigures(Measurements m, String key) {
        return String.format(java.util.Locale.ROOT, "decision->PATCH ms p50 %.1f p95 %.1f p99 %.1f max %.1f; HTTP answer p50 %.1f p99 %.1f; "
                        + "%.0f PATCHes missing", m.get(key + ".patch.p50"), m.get(key + ".patch.p95"), m.get(key + ".patch.p99"),
                m.get(key + ".patch.max"), m.get(key + ".http.p50"), m.get(key + ".http.p99"), m.get(key + ".missing"));
    }

    /**
     * Sends a decision (first contact, dispatch) for each alarm at {@code rate} per second, open loop, and times each
     * from its send to its PATCH's arrival at the CHeKT stub; puts {@code <key>.patch}, {@code <key>.http} (the 202's
     * time) and {@code <key>.missing}.
     * @return how many were answered 202
     */
    private long timeDecisions(Target target, List<Webhooks.Alarm> decided, double rate, String key, Measurements m)
            throws Exception {
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        Map<Long, Double> answeredIn = new ConcurrentHashMap<>();
        Senders.Outcome outcome = Senders.run(options.senders(), decided, rate, (alarm, sent) -> {
            sentAt.put(alarm.alarmVerificationId(), sent);
            int status = target.decide(alarm.verificationId(), Webhooks.FIRST_CONTACT);
            answeredIn.put(alarm.alarmVerificationId(), (System.nanoTime() - sent) / 1e6);
            return status;
        });
        long accepted = outcome.statuses().stream().filter(status -> status == 202).count();
        Target.await(Duration.ofMinutes(5), () -> decided.stream().allMatch(a -> chekt.patchArrival(a.alarmVerificationId()) != null));
        List<Double> latencies = new ArrayList<>();
        int missing = 0;
        for (Webhooks.Alarm alarm : decided) {
            Long arrival = chekt.patchArrival(alarm.alarmVerificationId());
            if (arrival == null) {
                missing++;
            } else {
                latencies.add((arrival - sentAt.get(alarm.alarmVerificationId())) / 1e6);
            }
        }
        m.put(key + ".patch", Stats.of(latencies));
        m.put(key + ".http", Stats.of(new ArrayList<>(answeredIn.values())));
        m.put(key + ".accepted", accepted);
        m.put(key + ".missing", missing);
        return accepted;
    }

    /**
     * Scenario 2: {@code open + decisions} verifications, all notified; then decisions at a fixed rate (open loop),
     * each timed from its send to the PATCH's arrival at the CHeKT stub. At least {@code open} stay open throughout.
     */
    private void decisions(Target target, Measurements m) throws Exception {
        // The alarm warm-up never reaches the decision path (message correlation, Feign, OAuth2, the HTTP client):
        // without decisions of its own, the first measured ones paid class loading, JIT and the first token fetch.
        int warm = options.decisionWarmup();
        int total = options.open() + warm + options.decisions();
        List<Webhooks.Alarm> alarms = IntStream.range(0, total).mapToObj(i -> Webhooks.fresh()).toList();
        Senders.run(options.senders(), alarms, 0, (alarm, sentAt) -> target.deliver(alarm));
        if (!Target.await(Duration.ofMinutes(5), target::drained)) {
            m.note("decision scenario: verifications not all notified within 5 minutes");
        }
        List<Webhooks.Alarm> warmedWith = alarms.subList(0, warm);
        Senders.run(options.senders(), warmedWith, options.decisionRate(),
                (alarm, sent) -> target.decide(alarm.verificationId(), Webhooks.FIRST_CONTACT));
        Target.await(Duration.ofMinutes(2), () -> warmedWith.stream().allMatch(a -> chekt.patchArrival(a.alarmVerificationId()) != null));
        List<Webhooks.Alarm> decided = alarms.subList(warm, warm + options.decisions());
        long accepted = timeDecisions(target, decided, options.decisionRate(), "decision", m);
        System.out.printf("  decisions: %d sent at %.0f/s with %d open after %d warm-up decisions, %d accepted; %s%n",
                decided.size(), options.decisionRate(), options.open(), warm, accepted, decisionFigures(m, "decision"));
        if (accepted != decided.size()) {
            m.note("decision scenario: " + (decided.size() - accepted) + " decisions not answered 202");
        }
    }

    /** Scenario 3, the waiting part: until no first-escalation timer and no continuation is left. */
    private void awaitFirstTimers(Target target, Measurements m) throws InterruptedException {
        long start = System.nanoTime();
        boolean done = Target.await(options.timerWait(), () ->
                target.jobs("timers=true&activityId=" + FIRST_TIMER_ACTIVITY) == 0 && target.drained());
        System.out.printf("  first escalation timers all fired %.1f s after the storm drained%s%n",
                (System.nanoTime() - start) / 1e9, done ? "" : " -- TIMED OUT");
        if (!done) {
            m.note("timer scenario: not every first timer fired within " + options.timerWait());
        }
    }

    /** Durability of every 202 and the timers' lateness, read from the service's database. */
    private void afterTheFact(Database db, Set<UUID> storm, Measurements m) throws SQLException {
        try (Connection connection = db.connect()) {
            Set<UUID> stored = new HashSet<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT verification_id FROM verification")) {
                while (rows.next()) {
                    stored.add(UUID.fromString(rows.getString(1)));
                }
            }
            long durable = storm.stream().filter(stored::contains).count();
            m.put("intake.app.durable", durable);
            if (durable != storm.size()) {
                m.note("intake: " + (storm.size() - durable) + " verifications answered 202 but not in the database");
            }
            Map<UUID, Map<Integer, Instant>> notified = new HashMap<>();
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT verification_id, position, notified_at FROM notified_contact WHERE position <= 2")) {
                while (rows.next()) {
                    notified.computeIfAbsent(UUID.fromString(rows.getString(1)), v -> new HashMap<>())
                            .put(rows.getInt(2), rows.getObject(3, OffsetDateTime.class).toInstant());
                }
            }
            Map<UUID, Instant> escalated = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT verification_id, occurred_at FROM audit_event WHERE type = 'ESCALATED' AND details LIKE ?")) {
                query.setString(1, "%2min%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        escalated.merge(UUID.fromString(rows.getString(1)), rows.getObject(2, OffsetDateTime.class).toInstant(),
                                (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
            List<Double> fired = new ArrayList<>();
            List<Double> secondNotified = new ArrayList<>();
            Duration first = options.firstTimer();
            int withoutFirst = 0;
            for (UUID id : storm) {
                Map<Integer, Instant> positions = notified.get(id);
                if (positions == null || !positions.containsKey(1)) {
                    withoutFirst++;
                    continue;
                }
                Instant due = positions.get(1).plus(first);
                if (escalated.containsKey(id)) {
                    fired.add(Duration.between(due, escalated.get(id)).toNanos() / 1e6);
                }
                if (positions.containsKey(2)) {
                    secondNotified.add(Duration.between(due, positions.get(2)).toNanos() / 1e6);
                }
            }
            m.put("timer.fired", Stats.of(fired));
            m.put("timer.notified", Stats.of(secondNotified));
            if (withoutFirst > 0) {
                m.note("timer scenario: " + withoutFirst + " verifications without a first notification");
            }
            if (fired.size() < storm.size()) {
                m.note("timer scenario: first timer fired for " + fired.size() + " of " + storm.size());
            }
            Stats f = Stats.of(fired);
            Stats n = Stats.of(secondNotified);
            System.out.printf("  timer lateness ms (timer fired - due): p50 %.0f p99 %.0f max %.0f over %d; "
                    + "(2nd contact notified - due): p50 %.0f p99 %.0f max %.0f over %d; durable %d of %d%n",
                    f.p50(), f.p99(), f.max(), f.count(), n.p50(), n.p99(), n.max(), n.count(), durable, storm.size());
        }
    }

    /** A copy of the packaged service taken once per run, so a rebuild during the run cannot change what is measured. */
    private Path serviceJar() throws IOException {
        Path jar = options.serviceJar();
        if (jar == null) {
            Path target = benchDir().resolveSibling("app").resolve("target");
            try (var jars = Files.list(target)) {
                jar = jars.filter(p -> p.getFileName().toString().matches("app-.*\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no app jar in " + target + ": build it first"));
            }
        }
        return copied(jar, "service.jar");
    }

    private Path copied(Path jar, String name) throws IOException {
        Path copy = workDir.resolve(name);
        return Files.exists(copy) ? copy : Files.copy(jar, copy);
    }

    /** bench/ (this module's folder), from where the jar or classes were loaded. */
    static Path benchDir() {
        try {
            Path code = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // bench/target/bench.jar or bench/target/classes
            return code.getParent().getParent().toAbsolutePath();
        } catch (Exception e) {
            return Path.of("bench").toAbsolutePath();
        }
    }

    /** The child runs in the work folder: relative class path entries (java -jar bench/target/bench.jar) made absolute. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
