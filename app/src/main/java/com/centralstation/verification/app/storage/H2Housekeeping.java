package com.centralstation.verification.app.storage;

import com.centralstation.verification.workflow.engine.StorageFailure;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Does for the embedded H2 file what H2's background writer does when it runs, so the file stops growing with
 * every byte an alarm storm writes.
 * <p>
 * H2 appends every commit to its file as a new chunk and reuses a chunk's space only once none of its pages is
 * live and the chunk is older than H2's {@code RETENTION_TIME} (45 s by default: H2 assumes the operating system
 * has written a chunk to disk by then, so a power cut cannot find a reused chunk whose replacement never reached the
 * disk). With {@code WRITE_DELAY=0}, which this service needs so that a 202 survives a kill, H2 starts no background
 * writer and so none of its housekeeping. Under a storm two things then grow the file: chunks that keep a few live
 * pages (a leaf of an index on random keys) keep all of their space, and every dead chunk waits the retention time
 * (in a storm H2 writes tens of MB per second). Every {@code interval} this
 * <ol>
 *   <li>forces the file to disk ({@code fsync}), so everything written more than one interval ago is on disk, which
 *       makes a retention time of a few intervals as safe as H2's default is with the operating system's own
 *       write-back (up to 30 s on Linux), and sets that retention time;</li>
 *   <li>runs H2's own rewrite ({@code MVStore.compact}) while the chunks hold less live data than the target fill
 *       rate: the live pages of the sparsest and oldest chunks are written anew with the next commit, and the old
 *       chunks die. It rewrites at most as many live bytes as the file grew since the last run, and nothing while
 *       the file does not grow: the work is in proportion to what the service writes.</li>
 * </ol>
 * While H2 is open the file stops growing, and gives space back only at its end; it shrinks fully when H2 closes.
 * Does nothing unless the datasource is an H2 file.
 * <p>
 * It stops in {@link StorageConfiguration#STOP_LAST the last lifecycle phase}: after the web server has answered its
 * last request and the job executor's threads have finished their jobs, so that nothing is still writing, then lets a
 * run under way finish (an interrupt during H2's file I/O would close the file's channel under every session) and
 * rewrites once more. When the database was reopened after a failed write ({@link StorageWatch}), the next run finds
 * the new file store; storage failures are left to the outage's log.
 */
public final class H2Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);
    /** A run takes at most max-time plus one sync; this much more is allowed for the sync at stop. */
    private static final long STOP_WAIT_MARGIN_MILLIS = 2_000;

    private final DataSource dataSource;
    private final H2HousekeepingProperties properties;
    private ScheduledExecutorService thread;
    /** The file store kept; replaced when H2 reopened the file. Only the housekeeping thread and stop() use it. */
    private volatile MVStore store;
    /** The file's size when the last run began: what it grew since is the next run's budget. Used as store is. */
    private long sizeAtLastRun;

    public H2Housekeeping(DataSource dataSource, H2HousekeepingProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        Optional<MVStore> found = h2File();
        if (found.isEmpty()) {
            return;
        }
        store = found.get();
        thread = StorageThread.start("h2-housekeeping");
        store.setRetentionTime((int) properties.retention().toMillis());
        long every = properties.interval().toMillis();
        log.info("H2 housekeeping on {}: every {} ms a sync and a rewrite of chunks under {} % live (at most {} ms);"
                        + " dead chunks reused after {} ms", store.getFileStore().getFileName(), every,
                properties.fillRate(), properties.maxTime().toMillis(), properties.retention().toMillis());
        thread.scheduleWithFixedDelay(this::keepSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Lets a run under way finish without interrupting it, then rewrites once more, while the datasource is still
     * open (it closes after every lifecycle has stopped).
     */
    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        boolean finished = StorageThread.finish(thread, properties.maxTime().plusMillis(STOP_WAIT_MARGIN_MILLIS));
        thread = null;
        if (finished) {
            finalRewrite();
        } else {
            log.warn("H2 housekeeping still running at stop; leaving it to finish on its own");
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return StorageConfiguration.STOP_LAST;
    }

    /**
     * Rewrites sparse chunks while their fill rate is below the target, at most as many live bytes as the file grew
     * since the last run (H2's own limit per step, a quarter of its auto-commit memory, each step) and for at most
     * {@code max-time}; whether it rewrote any. A file that did not grow found room in chunks freed earlier, and is
     * left alone: the work follows what was written, not the time that passed, so a storm pays for its housekeeping
     * per alarm, not per second it lasts.
     */
    boolean rewrite(MVStore store) {
        long size = store.getFileStore().size();
        long grown = size - sizeAtLastRun;
        sizeAtLastRun = size;
        if (grown <= 0) {
            return false;
        }
        long startedAt = System.nanoTime();
        long stopAt = startedAt + properties.maxTime().toNanos();
        long budget = grown;
        int steps = 0;
        // reading the fill rate walks every chunk: only for the debug line
        int fillRateBefore = log.isDebugEnabled() ? store.getFileStore().getChunksFillRate() : -1;
        while (budget > 0 && !store.isClosed()) {
            int writeLimit = (int) Math.min(budget, store.getAutoCommitMemory() / 4);
            if (!rewriteStep(store, writeLimit)) {
                break;
            }
            steps++;
            budget -= writeLimit;
            if (System.nanoTime() - stopAt > 0) {
                break;
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("H2 housekeeping: file grew {} KiB, {} steps in {} ms; chunks {} % live before, {} % after; file {} MiB, {} % used",
                    grown >> 10, steps, (System.nanoTime() - startedAt) / 1_000_000, fillRateBefore,
                    store.getFileStore().getChunksFillRate(), store.getFileStore().size() >> 20, store.getFillRate());
        }
        return steps > 0;
    }

    /**
     * One step of H2's rewrite. H2's own housekeeping gives up when the store lock is not free within 10 ms; with
     * every commit taking that lock ({@code WRITE_DELAY=0}) it is never free that soon under load, which is when
     * the rewrite is needed. So the step waits its turn for the lock (H2's lock is fair: the commits already
     * waiting go first), and H2's step then finds the lock held by its own thread.
     */
    private boolean rewriteStep(MVStore store, int writeLimit) {
        boolean[] rewrote = {false};
        store.executeFilestoreOperation(() -> rewrote[0] = store.compact(properties.fillRate(), writeLimit));
        return rewrote[0];
    }

    /** The store of the datasource's H2 file, if it is one. */
    Optional<MVStore> h2File() {
        try {
            return EmbeddedH2.store(dataSource);
        } catch (SQLException e) {
            log.warn("H2 housekeeping does not run: {}", e.toString());
            return Optional.empty();
        }
    }

    private void keepSafely() {
        try {
            MVStore current = currentStore();
            if (current != null) {
                current.sync();
                rewrite(current);
            }
        } catch (RuntimeException | SQLException e) {
            // the next run tries again; the file only grows meanwhile. A storage failure is the outage's to log.
            if (StorageFailure.in(e).isEmpty()) {
                log.warn("H2 housekeeping failed: {}", e.toString());
            }
        }
    }

    /**
     * One more run, written at once: no commit follows any more to write the pages a rewrite marks, and H2's own
     * compaction when the pool closes is short (200 ms).
     */
    private void finalRewrite() {
        try {
            MVStore current = currentStore();
            if (current != null && rewrite(current)) {
                current.commit();
                current.sync();
            }
        } catch (RuntimeException | SQLException e) {
            if (StorageFailure.in(e).isEmpty()) {
                log.warn("H2 housekeeping's last rewrite at stop failed: {}", e.toString());
            }
        }
    }

    /** The file store in use: the one kept, or, when H2 closed that one and opened the file anew, the new one. */
    private MVStore currentStore() throws SQLException {
        MVStore kept = store;
        if (kept != null && !kept.isClosed()) {
            return kept;
        }
        Optional<MVStore> reopened = EmbeddedH2.store(dataSource).filter(found -> !found.isClosed());
        reopened.ifPresent(found -> {
            found.setRetentionTime((int) properties.retention().toMillis());
            store = found;
        });
        return reopened.orElse(null);
    }
}
