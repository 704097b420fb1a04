package com.centralstation.verification.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The table: stdout, and the generated block of RESULTS.md (text outside the markers is kept). */
final class Report {

    static final String START = "<!-- bench:generated:start -->";
    static final String END = "<!-- bench:generated:end -->";

    private Report() {
    }

    static String render(Options options, Map<String, List<Measurements>> results, Machine before, Machine after,
                         Instant started, Instant ended, String workDir) {
        List<String> dbs = new ArrayList<>(results.keySet());
        List<Map<String, Double>> medians = dbs.stream().map(db -> Measurements.medians(results.get(db))).toList();
        StringBuilder out = new StringBuilder();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
        out.append("## Latest run: ").append(options.label()).append(", ").append(time.format(started)).append("\n\n");
        out.append("- Machine: ").append(before.cores()).append(" cores (").append(before.cpu()).append("), ")
                .append(before.memoryMb()).append(" MiB memory, ").append(before.jdk()).append(", ").append(before.os()).append("\n");
        out.append("- Noise: load average (1/5/15 min) ").append(before.loadAverage()).append(" at start, ")
                .append(after.loadAverage()).append(" at end; other JVMs running: ").append(before.otherJvms())
                .append(" at start, ").append(after.otherJvms()).append(" at end (the machine is shared).\n");
        out.append("- Run: ").append(String.format(Locale.ROOT, "%.1f min", Duration.between(started, ended).toSeconds() / 60.0))
                .append("; ").append(options.repetitions()).append(" repetition(s) per database, medians shown")
                .append("; storm ").append(options.alarms()).append(" alarms from ").append(options.senders())
                .append(" senders after ").append(options.warmup()).append(" warm-up alarms; decisions ")
                .append(options.decisions()).append(" at ").append(fmt(options.decisionRate(), 0)).append("/s with ")
                .append(options.open()).append(" open after ").append(options.decisionWarmup())
                .append(" warm-up decisions; first timer ").append(options.firstTimer())
                .append("; service and bare JVMs ").append(String.join(" ", options.jvmOptions()))
                .append(options.serviceSettings().isEmpty() ? "; application.yml as shipped"
                        : "; settings " + options.serviceSettings()).append("\n");
        out.append("- Logs and per-run files: `").append(workDir).append("` (kept on the machine that ran it)\n\n");

        out.append("| Figure |");
        dbs.forEach(db -> out.append(" ").append(db.equals("h2") ? "H2 (file)" : "PostgreSQL 14").append(" |"));
        out.append(" Target |\n|---|");
        dbs.forEach(db -> out.append("---:|"));
        out.append("---|\n");
        row(out, medians, "Intake, service: webhooks accepted (202, committed) per s", m -> fmt(m.get("intake.app"), 0),
                "≥ 1,000 (H2), ≥ 500 (PG)");
        row(out, medians, "Durable commit limit: plain-JDBC one-row commits per s, same connections (probe)",
                m -> fmt(m.get("commit.limit"), 0), "");
        row(out, medians, "  intake as a share of the commit limit", m -> pct(m.get("ratio.intake.commits")), "");
        row(out, medians, "  of which durable (found in the database afterwards)",
                m -> fmt(m.get("intake.app.durable"), 0) + " / " + fmt(m.get("intake.app.accepted"), 0), "all");
        row(out, medians, "Intake, bare engine, same BPMN, no-op delegates, per s", m -> fmt(m.get("intake.bare"), 0), "");
        row(out, medians, "Intake ratio service / bare", m -> pct(m.get("ratio.intake")), "");
        row(out, medians, "Storm through first notification, service, alarms/s", m -> fmt(m.get("drain.app"), 0), "");
        row(out, medians, "Storm through first notification, bare, alarms/s", m -> fmt(m.get("drain.bare"), 0), "");
        row(out, medians, "Processing ratio service / bare", m -> pct(m.get("ratio.drain")), "≥ 100 %");
        row(out, medians, "JVM CPU per alarm in intake, service / bare, ms (noise-robust)",
                m -> fmt(m.get("cpu.intake.app"), 2) + " / " + fmt(m.get("cpu.intake.bare"), 2), "");
        row(out, medians, "JVM CPU per alarm through first notification, service / bare, ms",
                m -> fmt(m.get("cpu.drain.app"), 2) + " / " + fmt(m.get("cpu.drain.bare"), 2), "");
        row(out, medians, "CPU per alarm through first notification, service / bare",
                m -> times(ratio(m.get("cpu.drain.app"), m.get("cpu.drain.bare"))), "≤ 1.25×");
        row(out, medians, "Decision → PATCH at CHeKT, ms p50 / p95 / p99 / max", m -> quad(m, "decision.patch", 1),
                "p95 < 50, p99 < 200");
        row(out, medians, "Decision HTTP answer (202), ms p50 / p95 / p99 / max", m -> quad(m, "decision.http", 1), "");
        row(out, medians, "  OAuth2 tokens fetched from CHeKT during the decisions", m -> fmt(m.get("decision.tokens"), 0), "");
        row(out, medians, "Decision → PATCH during the storm's intake (5/s), ms p50 / p95 / p99 / max",
                m -> quad(m, "storm.decision.patch", 1), "p99 < 1,000");
        row(out, medians, "  decisions timed during the storm", m -> fmt(m.get("storm.decision.patch.count"), 0), "");
        row(out, medians, "Fire webhook → operator task during the storm, ms p50 / p95 / p99 / max",
                m -> quad(m, "fire.task", 0), "p99 < 1,000");
        row(out, medians, "  fire alarms timed (one every " + options.fireEvery() + " of the storm)",
                m -> fmt(m.get("fire.task.count"), 0), "");
        row(out, medians, "H2 file, peak / when the storm JVM stopped, MiB", m -> fmt(m.get("h2.file.peak"), 0) + " / "
                + fmt(m.get("h2.file.end"), 0), "peak ≤ 1,536");
        row(out, medians, "  H2 file growth over the storm JVM's last 2 minutes, MiB", m -> fmt(m.get("h2.file.growth.last2min"), 0),
                "0");
        row(out, medians, "Timer lateness (first escalation recorded − due), ms p50 / p95 / p99 / max",
                m -> quad(m, "timer.fired", 0), "p99 < 5,000 (H2), < 2,000 (PG)");
        row(out, medians, "  next contact notified − due, ms p50 / p95 / p99 / max", m -> quad(m, "timer.notified", 0), "");
        row(out, medians, "  timers measured", m -> fmt(m.get("timer.fired.count"), 0), "");
        row(out, medians, "Service peak heap used / committed, MiB (GC log)",
                m -> fmt(m.get("app.heap.used"), 0) + " / " + fmt(m.get("app.heap.committed"), 0), "");
        row(out, medians, "Service peak RSS, MiB (VmHWM)", m -> fmt(m.get("app.rss"), 0), "");
        row(out, medians, "Bare engine peak heap used, MiB / peak RSS, MiB",
                m -> fmt(m.get("bare.heap.used"), 0) + " / " + fmt(m.get("bare.rss"), 0), "");
        row(out, medians, "Service start-up to healthy, s", m -> fmt(m.get("app.startup.s"), 1), "");
        compared(out, options, medians);
        List<String> notes = new ArrayList<>();
        results.forEach((db, runs) -> runs.forEach(run -> run.notes().forEach(n -> notes.add(db + ": " + n))));
        if (!notes.isEmpty()) {
            out.append("\nNotes from the run:\n");
            notes.forEach(n -> out.append("- ").append(n).append("\n"));
        }
        return out.toString();
    }

    /** The service jars of --compare beside the service's own storm, figures measured the same way in the same run. */
    private static void compared(StringBuilder out, Options options, List<Map<String, Double>> medians) {
        if (options.compared().isEmpty()) {
            return;
        }
        out.append("\nCompared in the same run (storm and its decisions only; same bare engine):\n\n| Service jar, figure |");
        medians.forEach(m -> out.append(" |"));
        out.append(" Target |\n|---|");
        medians.forEach(m -> out.append("---:|"));
        out.append("---|\n");
        List<String> whos = new ArrayList<>(List.of("app"));
        options.compared().keySet().forEach(label -> whos.add("cmp-" + label));
        for (String who : whos) {
            String name = who.equals("app") ? "service (" + options.label() + ")" : who.substring(4);
            String decisions = who.equals("app") ? "storm.decision.patch" : who + ".storm.decision.patch";
            row(out, medians, name + ": JVM CPU ms per alarm, intake / through first notification",
                    m -> fmt(m.get("cpu.intake." + who), 2) + " / " + fmt(m.get("cpu.drain." + who), 2), "");
            row(out, medians, name + ": through first notification, service / bare CPU",
                    m -> times(ratio(m.get("cpu.drain." + who), m.get("cpu.drain.bare"))), "≤ 1.25×");
            row(out, medians, name + ": intake /s; storm through first notification, alarms/s",
                    m -> fmt(m.get("intake." + who), 0) + "; " + fmt(m.get("drain." + who), 0), "");
            row(out, medians, name + ": decision → PATCH during the storm, ms p50 / p99",
                    m -> fmt(m.get(decisions + ".p50"), 0) + " / " + fmt(m.get(decisions + ".p99"), 0), "");
        }
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null ? null : a / b;
    }

    private static void row(StringBuilder out, List<Map<String, Double>> medians, String name,
                            Function<Map<String, Double>, String> cell, String target) {
        out.append("| ").append(name).append(" |");
        medians.forEach(m -> out.append(" ").append(cell.apply(m)).append(" |"));
        out.append(" ").append(target).append(" |\n");
    }

    private static String quad(Map<String, Double> m, String prefix, int decimals) {
        return fmt(m.get(prefix + ".p50"), decimals) + " / " + fmt(m.get(prefix + ".p95"), decimals) + " / "
                + fmt(m.get(prefix + ".p99"), decimals) + " / " + fmt(m.get(prefix + ".max"), decimals);
    }

    private static String fmt(Double value, int decimals) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String times(Double ratio) {
        return ratio == null || ratio.isNaN() ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String pct(Double ratio) {
        return ratio == null || ratio.isNaN() ? "–" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    /**
     * A path as RESULTS.md shows it: relative to the repository, with forward slashes. The file is committed, so
     * it never names a directory of the machine the run happened on; a path outside the repository shows as its
     * file name only.
     */
    static String shown(Path repository, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path root = repository.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(root) ? root.relativize(absolute) : absolute.getFileName();
        return shown.toString().replace('\\', '/');
    }

    /**
     * Puts the report into RESULTS.md between the markers, keeping the text around them. Whatever stood between
     * the markers before (a previous run, text added by hand, a second block) is dropped, so the block only ever
     * holds the latest run.
     */
    static void writeInto(Path file, String report) throws IOException {
        String block = START + "\n" + report + END;
        String text;
        if (Files.exists(file)) {
            text = replaceBlock(Files.readString(file), block);
        } else {
            text = "# Benchmark results\n\nWritten by the harness (`bench/`); the block between the markers is replaced on every run.\n\n"
                    + block + "\n";
        }
        Files.writeString(file, text);
    }

    static String replaceBlock(String text, String block) {
        int start = text.indexOf(START);
        if (start < 0) {
            return text + (text.endsWith("\n") ? "\n" : "\n\n") + block + "\n";
        }
        int end = text.lastIndexOf(END);
        String after = end > start ? text.substring(end + END.length()) : "\n";
        return text.substring(0, start) + block + after;
    }
}
