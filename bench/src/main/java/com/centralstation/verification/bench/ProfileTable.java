package com.centralstation.verification.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Where the CPU of a storm goes, per alarm: the JFR recordings of {@code --profile} (one of the service, one of the
 * bare engine), their execution samples sorted into what the code was doing it for, each share multiplied by the JVM's
 * measured CPU per alarm through the first notification. GC and JIT threads are not sampled: their CPU is spread over
 * the categories in proportion.
 *
 * <pre>java -cp bench/target/bench.jar com.centralstation.verification.bench.ProfileTable \
 *     service=jfr-app-storm-h2-1.jfr:37.8 bare=jfr-bare-h2-1.jfr:26.3 [--top=category]</pre>
 */
public final class ProfileTable {

    /** A category: a name and the frames (class or method name fragments) a stack must contain. First match wins. */
    record Category(String name, Predicate<List<String>> matches) {

        static Category anyFrame(String name, String... fragments) {
            return new Category(name, frames -> frames.stream().anyMatch(f -> contains(f, fragments)));
        }

        private static boolean contains(String frame, String... fragments) {
            for (String fragment : fragments) {
                if (frame.contains(fragment)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Most specific first: a sample in a commit inside a seal is sealing, not the webhook's commit. */
    static final List<Category> CATEGORIES = List.of(
            Category.anyFrame("H2 housekeeping (fsync, chunk rewrite)", "H2Housekeeping"),
            Category.anyFrame("audit sealing (hash chain)", "AuditChain", "AuditSealer"),
            Category.anyFrame("alarm class DMN at intake", "CamundaAlarmClassifier", "EvaluateDecisionCmd"),
            Category.anyFrame("escalation policy DMN (business rule tasks)", "DmnBusinessRuleTaskActivityBehavior"),
            Category.anyFrame("audit rows written", "JdbcAuditTrail"),
            Category.anyFrame("inbox row and raw body", "JdbcDeliveryInbox"),
            Category.anyFrame("tombstones", "JdbcCancellationTombstones"),
            Category.anyFrame("verification row", "JdbcVerificationRepository"),
            Category.anyFrame("notification: tokens, attempts, notified contact", "JdbcResponseTokenStore",
                    "JdbcNotificationLog", "ChannelContactNotifier", "LogChannel"),
            Category.anyFrame("metrics (Micrometer)", "io.micrometer"),
            Category.anyFrame("webhook signature (HMAC)", "WebhookSignature"),
            Category.anyFrame("JSON (Jackson)", "com.fasterxml.jackson"),
            // every request passes through the filters: only what runs in them, not in the handler behind them
            new Category("security filters", frames -> frames.stream().anyMatch(f -> f.startsWith("org.springframework.security"))
                    && frames.stream().noneMatch(f -> f.contains("DispatcherServlet"))),
            Category.anyFrame("decisions and their submission", "RecordDecision", "SubmitDecision", "AcceptDecision",
                    "feign.", "DecisionController"),
            Category.anyFrame("job acquisition", "AcquireJobsCmd", "AcquireJobsRunnable", "SequentialJobAcquisitionRunnable"),
            Category.anyFrame("transaction commit (engine flush and database commit)", "DbEntityManager.flush",
                    "CommandContext.close", "JdbcTransaction.commit", "DataSourceTransactionManager.doCommit",
                    "MVStore.store", "TransactionStore.commit", "PgConnection.commit", "HikariProxyConnection.commit",
                    "ProxyConnection.commit"),
            Category.anyFrame("process start (engine)", "StartProcessInstanceCmd", "ProcessInstantiationBuilderImpl",
                    "createProcessInstance"),
            Category.anyFrame("job execution (engine)", "ExecuteJobsRunnable", "ExecuteJobHelper"),
            Category.anyFrame("inbox starter: reading kept requests, its own queries", "StartReceivedVerifications"),
            Category.anyFrame("database reads and writes elsewhere", "org.h2.", "org.postgresql", "com.zaxxer.hikari"),
            Category.anyFrame("HTTP and Spring MVC (Tomcat, dispatcher)", "org.apache.tomcat", "org.apache.catalina",
                    "org.apache.coyote", "org.springframework.web", "sun.net.httpserver"),
            Category.anyFrame("class loading and resource lookups", "java.lang.ClassLoader.loadClass",
                    "URLClassPath", "org.springframework.boot.loader"));

    private ProfileTable() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        String top = null;
        for (String arg : args) {
            if (arg.startsWith("--top=")) {
                top = arg.substring("--top=".length());
                continue;
            }
            int eq = arg.indexOf('=');
            int colon = arg.lastIndexOf(':');
            profiles.put(arg.substring(0, eq), Profile.read(Path.of(arg.substring(eq + 1, colon)),
                    Double.parseDouble(arg.substring(colon + 1))));
        }
        System.out.println(render(profiles));
        if (top != null) {
            for (Map.Entry<String, Profile> profile : profiles.entrySet()) {
                System.out.println("\nTop frames of '" + top + "' in " + profile.getKey() + ":");
                profile.getValue().topFrames(top, 40).forEach((frame, count) -> System.out.printf("%8d  %s%n", count, frame));
                System.out.println("\nThe most frequent callers (stack from the thread's start) of '" + top + "':");
                profile.getValue().callers(top, 25).forEach((frames, count) -> System.out.printf("%8d  %s%n", count, frames));
            }
        }
    }

    /** The table, in Markdown: a row per category, a column pair (share, ms/alarm) per profile. */
    static String render(Map<String, Profile> profiles) {
        StringBuilder out = new StringBuilder("| where the CPU goes |");
        profiles.keySet().forEach(name -> out.append(" ").append(name).append(" % | ").append(name).append(" ms/alarm |"));
        out.append("\n|---|");
        profiles.keySet().forEach(name -> out.append("---:|---:|"));
        out.append("\n");
        List<String> names = new ArrayList<>(CATEGORIES.stream().map(Category::name).toList());
        names.add(Profile.OTHER);
        for (String name : names) {
            if (profiles.values().stream().allMatch(p -> p.samples(name) == 0)) {
                continue;
            }
            out.append("| ").append(name).append(" |");
            profiles.values().forEach(p -> out.append(String.format(Locale.ROOT, " %.1f | %.2f |", 100 * p.share(name),
                    p.msPerAlarm(name))));
            out.append("\n");
        }
        out.append("| **all (JVM CPU per alarm, measured)** |");
        profiles.values().forEach(p -> out.append(String.format(Locale.ROOT, " 100 | **%.2f** |", p.cpuMsPerAlarm())));
        out.append("\n");
        profiles.forEach((name, p) -> out.append(String.format(Locale.ROOT, "%n%s: %d execution samples", name, p.total())));
        return out.append("\n").toString();
    }

    /** One recording's samples by category. */
    static final class Profile {

        static final String OTHER = "other";

        private final Map<String, Long> byCategory = new TreeMap<>();
        private final List<List<String>> stacks = new ArrayList<>();
        private final double cpuMsPerAlarm;
        private long total;

        private Profile(double cpuMsPerAlarm) {
            this.cpuMsPerAlarm = cpuMsPerAlarm;
        }

        static Profile read(Path jfr, double cpuMsPerAlarm) throws IOException {
            Profile profile = new Profile(cpuMsPerAlarm);
            try (RecordingFile recording = new RecordingFile(jfr)) {
                while (recording.hasMoreEvents()) {
                    RecordedEvent event = recording.readEvent();
                    if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                        List<String> frames = event.getStackTrace().getFrames().stream().map(Profile::frame).toList();
                        profile.add(frames);
                    }
                }
            }
            return profile;
        }

        void add(List<String> frames) {
            total++;
            stacks.add(frames);
            byCategory.merge(categoryOf(frames), 1L, Long::sum);
        }

        static String categoryOf(List<String> frames) {
            return CATEGORIES.stream().filter(c -> c.matches().test(frames)).map(Category::name).findFirst().orElse(OTHER);
        }

        long samples(String category) {
            return byCategory.getOrDefault(category, 0L);
        }

        long total() {
            return total;
        }

        double share(String category) {
            return total == 0 ? 0 : (double) samples(category) / total;
        }

        double msPerAlarm(String category) {
            return share(category) * cpuMsPerAlarm;
        }

        double cpuMsPerAlarm() {
            return cpuMsPerAlarm;
        }

        /** The top (innermost) frames of the samples in a category, most frequent first. */
        Map<String, Long> topFrames(String category, int limit) {
            Map<String, Long> counts = new TreeMap<>();
            for (List<String> frames : stacks) {
                if (categoryOf(frames).startsWith(category) && !frames.isEmpty()) {
                    for (int i = 0; i < Math.min(6, frames.size()); i++) {
                        counts.merge(i + " " + frames.get(i), 1L, Long::sum);
                    }
                }
            }
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }

        /** The outermost frames of our own code or the engine (what asked for the work), most frequent first. */
        Map<String, Long> callers(String category, int limit) {
            Map<String, Long> counts = new TreeMap<>();
            for (List<String> frames : stacks) {
                if (categoryOf(frames).startsWith(category)) {
                    List<String> ours = frames.stream().filter(f -> f.startsWith("com.centralstation")
                            || f.startsWith("org.camunda.bpm.engine.impl.cmd") || f.contains("Servlet.service")).toList();
                    String key = ours.isEmpty() ? frames.get(frames.size() - 1)
                            : String.join(" < ", ours.subList(0, Math.min(4, ours.size())));
                    counts.merge(key, 1L, Long::sum);
                }
            }
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }

        private static String frame(RecordedFrame frame) {
            return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        }
    }
}
