package com.centralstation.verification.app.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Free space on the file system of the data directory (where the embedded H2 file grows; the working directory may
 * lie elsewhere), and the alert before it runs out: below the alert threshold a warning is logged and the supervisors
 * get a Tasklist task, once per episode; the episode ends when free space is a tenth above the threshold again (so a
 * disk hovering at the threshold does not alert over and over).
 */
public final class DataDirectorySpace {

    private static final Logger log = LoggerFactory.getLogger(DataDirectorySpace.class);
    private static final long ONE_GIGABYTE = DataSize.ofGigabytes(1).toBytes();

    /** Where supervisors are told; in the service, a Tasklist task ({@code SupervisorTasks}). */
    @FunctionalInterface
    public interface Supervisors {
        /** @return whether the notice is now there (opened, or still open from before) */
        boolean tell(String title, String description);
    }

    private final Path dataDir;
    private final DataSize configuredAlert;
    private final String node;
    private final Supervisors supervisors;
    private boolean low;
    private boolean told;

    /**
     * @param configuredAlert the alert threshold; null for the larger of 1 GB and 10 % of the file system
     * @param node            how supervisors know this node (its job-executor lock owner)
     */
    public DataDirectorySpace(Path dataDir, DataSize configuredAlert, String node, Supervisors supervisors) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.configuredAlert = configuredAlert;
        this.node = node;
        this.supervisors = supervisors;
    }

    /** The directory measured: the data directory, or its nearest existing parent until the database has made it. */
    public Path measured() {
        Path path = dataDir;
        while (path != null && !Files.exists(path)) {
            path = path.getParent();
        }
        return path == null ? Path.of(".").toAbsolutePath() : path;
    }

    /** Bytes this process may still write there. */
    public long free() {
        try {
            return fileStore().getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The alert threshold in bytes: as configured, else the larger of 1 GB and 10 % of the file system. */
    public long alertBelow() {
        if (configuredAlert != null) {
            return configuredAlert.toBytes();
        }
        try {
            return Math.max(ONE_GIGABYTE, fileStore().getTotalSpace() / 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether free space is below the threshold now (from the last check on). */
    public synchronized boolean low() {
        return low;
    }

    /** Compares free space with the threshold; alerts once when it falls below. */
    public void check() {
        long free = free();
        long threshold = alertBelow();
        boolean tellNow;
        synchronized (this) {
            if (!low && free < threshold) {
                low = true;
                told = false;
                log.warn("Disk space low on node {}: {} MB free under {} (alert below {} MB). When the disk is full"
                                + " the service refuses webhooks and decisions (503) until space returns: free space or"
                                + " grow the file system now", node, free >> 20, measured(), threshold >> 20);
            } else if (low && free >= threshold + threshold / 10) {
                low = false;
                log.info("Disk space on node {} is back above the alert threshold: {} MB free under {}", node,
                        free >> 20, measured());
            }
            tellNow = low && !told;
        }
        if (tellNow) {
            boolean done = supervisors.tell("Disk space low on node " + node, ("%d MB free under %s (alert below %d MB)."
                    + " When the disk is full the service answers webhooks and decisions 503 and works again by itself"
                    + " once space returns. Free space (old logs, backups, bench files) or grow the file system, then"
                    + " complete this task. See docs/operations.md, \"A full disk\".").formatted(free >> 20, measured(),
                    threshold >> 20));
            synchronized (this) {
                told = done;
            }
        }
    }

    private FileStore fileStore() throws IOException {
        return Files.getFileStore(measured());
    }
}
