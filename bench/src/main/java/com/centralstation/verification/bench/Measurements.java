package com.centralstation.verification.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named figures of one suite run on one database; several runs aggregate to medians. */
final class Measurements {

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void put(String name, double value) {
        values.put(name, value);
    }

    void put(String prefix, Stats stats) {
        put(prefix + ".count", stats.count());
        put(prefix + ".p50", stats.p50());
        put(prefix + ".p95", stats.p95());
        put(prefix + ".p99", stats.p99());
        put(prefix + ".max", stats.max());
    }

    Double get(String name) {
        return values.get(name);
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  note: " + note);
    }

    List<String> notes() {
        return notes;
    }

    static Map<String, Double> medians(List<Measurements> runs) {
        Map<String, List<Double>> all = new LinkedHashMap<>();
        for (Measurements run : runs) {
            run.values.forEach((name, value) -> all.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        all.forEach((name, list) -> medians.put(name, Stats.median(list.stream().filter(v -> !v.isNaN()).toList())));
        return medians;
    }
}
