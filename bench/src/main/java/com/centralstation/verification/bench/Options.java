package com.centralstation.verification.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The harness's command line: {@code --name=value} options, {@code --quick} for a small, fast run. */
record Options(List<String> databases, boolean quick, int alarms, int open, int decisions, double decisionRate,
               int senders, int warmup, Duration firstTimer, int repetitions, boolean bare, Path serviceJar,
               Path results, Map<String, String> serviceSettings, List<String> jvmOptions, String label,
               Duration timerWait, boolean decisionScenario, int fireEvery, boolean profile, Map<String, Path> compared) {

    static final String USAGE = """
            java -jar bench/target/bench.jar [options]
              --db=h2,postgres       databases to run on (default both)
              --quick                1,000 alarms, 200 open, 100 decisions, first timer PT20S
              --alarms=N             alarm storm size: intake and timer lateness (default 10000)
              --open=N               verifications kept open during the decision scenario (default 1000)
              --decisions=N          decisions timed in the decision scenario (default 500), after a fifth as many untimed
              --decision-rate=R      decisions per second, open loop (default 25)
              --senders=N            concurrent senders (default 16)
              --warmup=N             alarms sent and drained first to warm the JIT (default 500)
              --first=PT60S          the storm's first escalation timer (second PT30M, third PT60M: not reached);
                                     the decision scenario runs with timers far out (PT30M/PT60M/PT90M)
              --reps=N               repeat each database's suite N times, report medians (default 1)
              --no-bare              skip the bare-engine baseline
              --no-decisions         skip the decision scenario (its own service JVM)
              --fire-every=N         in the storm, every Nth alarm is a fire alarm (life-safety), timed from its
                                     webhook to its operator task (default 500; 0 for none)
              --timer-wait=PT8M      how long to wait for every first timer to fire
              --profile              record the measured storm of each JVM (bare and service) with JFR (settings=profile),
                                     from its first webhook until it drained: jfr-<jvm>.jfr in the run's folder, read by
                                     java -cp bench/target/bench.jar ...bench.ProfileTable
              --set=key=value        a service setting (repeatable), e.g. --set=camunda.bpm.job-execution.max-pool-size=12;
                                     job-execution keys, history-level and the Hikari pool size also go to the bare engine
              --jvm=OPTION           a JVM option for the service and bare JVMs (repeatable; default -Xms256m -Xmx1g)
              --label=TEXT           a name for this run in RESULTS.md
              --service-jar=PATH     default app/target/app-*.jar next to this module
              --compare=LABEL=PATH   another service jar (repeatable): its storm (warm-up, storm, decisions during it; no
                                     timers) runs in the same run after the service's, against the same bare engine,
                                     and is reported beside it: before/after a change on a shared machine
              --results=PATH         default bench/RESULTS.md
            """;

    /** Decisions sent while the storm is taken in, on alarms that arrived before it: 100, fewer than the warm-up. */
    int stormDecisions() {
        return Math.min(100, warmup / 2);
    }

    /** Decisions sent before the measured ones and not measured: a fifth of them, at least 20. */
    int decisionWarmup() {
        return Math.max(20, decisions / 5);
    }

    static Options parse(String[] args, Path benchDir) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> jvm = new ArrayList<>();
        Map<String, Path> compared = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? "true" : arg.substring(eq + 1);
            switch (name) {
                case "set" -> {
                    int split = value.indexOf('=');
                    settings.put(value.substring(0, split), value.substring(split + 1));
                }
                case "jvm" -> jvm.add(value);
                case "compare" -> {
                    int split = value.indexOf('=');
                    compared.put(value.substring(0, split), Path.of(value.substring(split + 1)));
                }
                case "help" -> throw new IllegalArgumentException(USAGE);
                default -> values.put(name, value);
            }
        }
        boolean quick = values.containsKey("quick");
        if (jvm.isEmpty()) {
            jvm.addAll(List.of("-Xms256m", "-Xmx1g"));
        }
        Path serviceJar = values.containsKey("service-jar") ? Path.of(values.get("service-jar")) : null;
        return new Options(
                List.of(values.getOrDefault("db", "h2,postgres").split(",")),
                quick,
                Integer.parseInt(values.getOrDefault("alarms", quick ? "1000" : "10000")),
                Integer.parseInt(values.getOrDefault("open", quick ? "200" : "1000")),
                Integer.parseInt(values.getOrDefault("decisions", quick ? "100" : "500")),
                Double.parseDouble(values.getOrDefault("decision-rate", "25")),
                Integer.parseInt(values.getOrDefault("senders", "16")),
                Integer.parseInt(values.getOrDefault("warmup", quick ? "200" : "500")),
                Duration.parse(values.getOrDefault("first", quick ? "PT20S" : "PT60S")),
                Integer.parseInt(values.getOrDefault("reps", "1")),
                !values.containsKey("no-bare"),
                serviceJar,
                Path.of(values.getOrDefault("results", benchDir.resolve("RESULTS.md").toString())),
                settings, jvm,
                values.getOrDefault("label", quick ? "quick" : "full"),
                Duration.parse(values.getOrDefault("timer-wait", "PT8M")),
                !values.containsKey("no-decisions"),
                Integer.parseInt(values.getOrDefault("fire-every", "500")),
                values.containsKey("profile"),
                compared);
    }
}
