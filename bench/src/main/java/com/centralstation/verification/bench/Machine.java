package com.centralstation.verification.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on, and how busy the machine was (other JVMs: other people's test suites). */
record Machine(int cores, String cpu, long memoryMb, String jdk, String os, String loadAverage, long otherJvms) {

    static Machine describe() {
        long self = ProcessHandle.current().pid();
        long others = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.parent().map(parent -> parent.pid() != self).orElse(true))
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .count();
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemoryMb(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                read("/proc/loadavg").map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3))).orElse("?"), others);
    }

    private static String cpuModel() {
        return lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
    }

    private static long totalMemoryMb() {
        return lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
    }

    private static java.util.Optional<String> read(String file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(lines.get(0));
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
