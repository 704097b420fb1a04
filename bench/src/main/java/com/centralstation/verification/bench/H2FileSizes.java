package com.centralstation.verification.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The size of the service's H2 file over the life of its JVM, sampled every two seconds from outside (the file
 * is the service's own while it runs): peak and last size go to the measurements, every sample to a CSV in the
 * work folder, one sample a minute to a note. Nothing for PostgreSQL.
 */
final class H2FileSizes {

    private static final long SAMPLE_MILLIS = 2000;

    private final Path file;
    private final Path csv;
    private final long start = System.nanoTime();
    private final List<double[]> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler;

    private H2FileSizes(Path file, Path csv) {
        this.file = file;
        this.csv = csv;
        this.sampler = file == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "h2-file-sizes");
            thread.setDaemon(true);
            return thread;
        });
        if (sampler != null) {
            sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    static H2FileSizes watch(Database db, Path csv) {
        return new H2FileSizes(db.h2Dir() == null ? null : db.h2Dir().resolve("alarm-verification.mv.db"), csv);
    }

    private synchronized void sample() {
        try {
            double mib = Files.exists(file) ? Files.size(file) / (1024.0 * 1024.0) : 0;
            samples.add(new double[] {(System.nanoTime() - start) / 1e9, mib});
        } catch (IOException e) {
            // the file may be replaced while H2 opens it; the next sample will see it
        }
    }

    synchronized void stop(Measurements m) {
        if (sampler == null) {
            return;
        }
        sampler.shutdownNow();
        sample();
        if (samples.isEmpty()) {
            return;
        }
        double peak = samples.stream().mapToDouble(s -> s[1]).max().orElse(Double.NaN);
        m.put("h2.file.peak", peak);
        double[] last = samples.get(samples.size() - 1);
        m.put("h2.file.end", last[1]);
        // the growth over the last two minutes of the JVM's life: zero when the file stays flat under the load left
        samples.stream().filter(sample -> sample[0] <= last[0] - 120).reduce((a, b) -> b)
                .ifPresent(twoMinutesBefore -> m.put("h2.file.growth.last2min", last[1] - twoMinutesBefore[1]));
        try {
            Files.writeString(csv, "seconds,mib\n" + samples.stream()
                    .map(s -> String.format(Locale.ROOT, "%.0f,%.1f", s[0], s[1])).collect(Collectors.joining("\n")) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder perMinute = new StringBuilder();
        double nextMinute = 0;
        for (double[] s : samples) {
            if (s[0] >= nextMinute) {
                perMinute.append(String.format(Locale.ROOT, "%s%.0f min %.0f", perMinute.isEmpty() ? "" : ", ", s[0] / 60, s[1]));
                nextMinute += 60;
            }
        }
        m.note(String.format(Locale.ROOT, "H2 file, MiB, by minute of the storm JVM's life: %s; peak %.0f, at stop %.0f",
                perMinute, peak, samples.get(samples.size() - 1)[1]));
    }
}
