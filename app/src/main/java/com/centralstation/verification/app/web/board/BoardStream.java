package com.centralstation.verification.app.web.board;

import com.centralstation.verification.core.domain.BoardChange;
import com.centralstation.verification.core.usecase.WatchBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The boards open on this node, as server-sent event streams. One thread reads the change feed every poll interval
 * while at least one board is open (one query per node, whatever the number of boards) and sends what changed to
 * every stream as one {@code changes} event; the feed is the database, so a change made on another node of a
 * cluster reaches this node's boards as well. An idle stream gets a comment every keep-alive interval. A browser
 * re-reads its board when an event comes; the event names the verifications and what happened to them.
 */
public final class BoardStream implements SmartLifecycle {

    /** Changes named in one event at most; a larger batch says only that there were more. */
    static final int MAX_CHANGES_PER_EVENT = 500;
    /**
     * A stream is closed after this long and the browser opens a new one (EventSource reconnects by itself). Each
     * reconnect is a request on the board's session, so a wall screen left alone stays logged in: well below the
     * servlet session's 30 minutes.
     */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);
    /** How long a browser waits before it reconnects a broken stream. */
    static final Duration RECONNECT_AFTER = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(BoardStream.class);

    private final WatchBoard watch;
    private final BoardProperties properties;
    private final List<SseEmitter> streams = new CopyOnWriteArrayList<>();
    private final AtomicLong events = new AtomicLong();
    private ScheduledExecutorService poller;
    private volatile boolean running;
    private volatile long lastSentNanos = System.nanoTime();

    public BoardStream(WatchBoard watch, BoardProperties properties) {
        this.watch = watch;
        this.properties = properties;
    }

    /** A new stream for one board, or empty when this node serves as many as it may. */
    public Optional<SseEmitter> open() {
        if (!running || streams.size() >= properties.maxStreams()) {
            return Optional.empty();
        }
        SseEmitter stream = new SseEmitter(STREAM_LIFETIME.toMillis());
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(() -> {
            streams.remove(stream);
            stream.complete();
        });
        stream.onError(failure -> streams.remove(stream));
        try {
            stream.send(SseEmitter.event().reconnectTime(RECONNECT_AFTER.toMillis()).comment("board"));
        } catch (IOException gone) {
            return Optional.empty();
        }
        synchronized (streams) {
            if (streams.isEmpty()) {
                // Nobody watched until now: start at the present instead of replaying what happened meanwhile.
                try {
                    watch.startAfresh();
                } catch (RuntimeException databaseTrouble) {
                    log.warn("Reading the board's change feed failed: {}", databaseTrouble.toString());
                    return Optional.empty();
                }
            }
            streams.add(stream);
        }
        return Optional.of(stream);
    }

    int openStreams() {
        return streams.size();
    }

    /** One poll: reads the feed (only while a board is open) and sends what changed, or a keep-alive when due. */
    void poll() {
        if (streams.isEmpty()) {
            return;
        }
        List<BoardChange> changes;
        try {
            changes = watch.changes();
        } catch (RuntimeException databaseTrouble) {
            // The next poll tries again; the boards keep what they show and say nothing new.
            log.warn("Reading the board's change feed failed: {}", databaseTrouble.toString());
            return;
        }
        if (!changes.isEmpty()) {
            send(SseEmitter.event().id(String.valueOf(events.incrementAndGet())).name("changes")
                    .data(event(changes), MediaType.APPLICATION_JSON));
        } else if (System.nanoTime() - lastSentNanos >= properties.keepAlive().toNanos()) {
            send(SseEmitter.event().comment("keep-alive"));
        }
    }

    private static Map<String, Object> event(List<BoardChange> changes) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("changes", changes.stream().limit(MAX_CHANGES_PER_EVENT)
                .map(change -> Map.of("verification_id", change.verificationId().toString(), "change", change.change()))
                .toList());
        event.put("more", Math.max(0, changes.size() - MAX_CHANGES_PER_EVENT));
        return event;
    }

    private void send(SseEmitter.SseEventBuilder event) {
        lastSentNanos = System.nanoTime();
        // Built once: a builder appends to itself each time it is built.
        Set<ResponseBodyEmitter.DataWithMediaType> built = event.build();
        for (SseEmitter stream : streams) {
            try {
                stream.send(built);
            } catch (IOException | IllegalStateException gone) {
                // The browser went away (or the stream completed meanwhile); the container ends the request.
                streams.remove(stream);
            }
        }
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "board-stream");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        ScheduledFuture<?> ignored = poller.scheduleWithFixedDelay(this::pollSafely, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException unexpected) {
            log.error("The board's stream failed a poll; it polls again", unexpected);
        }
    }

    /** Ends every stream before the web server drains its requests, so an open board never holds up a shutdown. */
    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
        streams.forEach(SseEmitter::complete);
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
