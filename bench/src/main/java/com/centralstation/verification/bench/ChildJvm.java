package com.centralstation.verification.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM under measurement, in its own process so that its heap and resident memory are its own: the service
 * from its packaged jar, or the bare engine. Peak RSS is the kernel's high-water mark (VmHWM); peak heap is read
 * from the unified GC log (heap occupancy before each collection).
 */
final class ChildJvm implements AutoCloseable {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    /**
     * How long a JVM may take to answer its readiness probe: a loaded machine starts the service in minutes, and a JVM
     * that dies on the way is noticed at once (below), so the bound only ends a start that hangs.
     */
    static final Duration READY_WITHIN = Duration.ofMinutes(8);
    /** Children still running when the harness itself ends (Ctrl-C, a failure outside a try) end with it. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "child-jvms"));
    }

    private final String name;
    private final int port;
    private final Process process;
    private final Path gcLog;
    private final Path log;
    private long peakRssKb;

    private ChildJvm(String name, int port, Process process, Path gcLog, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.gcLog = gcLog;
        this.log = log;
    }

    static ChildJvm start(String name, int port, List<String> jvmOptions, List<String> mainAndArguments, Path workDir)
            throws IOException {
        Files.createDirectories(workDir);
        Path gcLog = workDir.resolve(name + "-gc.log");
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(mainAndArguments);
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RUNNING.add(process);
        return new ChildJvm(name, port, process, gcLog, log);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /**
     * As {@link #awaitReady}, for a JVM its caller holds outside a try-with-resources: one that never became ready is
     * stopped before the failure goes up, instead of running on after the harness.
     */
    void awaitReadyOrStop(HttpClient http, URI probe) throws InterruptedException {
        try {
            awaitReady(http, probe);
        } catch (RuntimeException | InterruptedException notReady) {
            close();
            throw notReady;
        }
    }

    /** Waits until the URL answers 200 (the service's health, the bare engine's job count). */
    void awaitReady(HttpClient http, URI probe) throws InterruptedException {
        Duration timeout = READY_WITHIN;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /**
     * CPU seconds (user + system) the process has used so far. Unlike a wall-clock rate, this hardly depends on what
     * else runs on a shared machine, so it is the figure to compare tuning steps by.
     */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3 of stat); utime and stime are fields 14 and 15, in clock ticks (100 Hz)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException gone) {
            return Double.NaN;
        }
    }

    /** The kernel's resident-set high-water mark of the process so far, in MiB. */
    double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // process already gone: keep the last reading
        }
        return peakRssKb / 1024.0;
    }

    /** Peak heap in use (before a collection) and peak committed heap, MiB, from the GC log. */
    double[] peakHeapMb() {
        double used = 0;
        double committed = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_HEAP.matcher(line);
                if (m.find()) {
                    used = Math.max(used, Double.parseDouble(m.group(1)));
                    committed = Math.max(committed, Double.parseDouble(m.group(3)));
                }
            }
        } catch (IOException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {used, committed};
    }

    /** Starts a JFR recording of this JVM (settings {@code profile}), written to {@code file} when stopped. */
    void startRecording(Path file) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + file.toAbsolutePath());
    }

    /** Stops the recording {@link #startRecording} started and writes it out. */
    void stopRecording() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=bench");
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }

    /** SIGTERM (graceful shutdown), then SIGKILL if it does not end. */
    @Override
    public void close() throws InterruptedException {
        peakRssMb();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        RUNNING.remove(process);
    }
}
