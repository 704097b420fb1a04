package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.SubmissionReceipt;
import com.centralstation.verification.core.port.out.ChektGateway;
import com.centralstation.verification.core.port.out.ChektGatewayException;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Stands in for CHeKT in engine tests (the real client is tested over HTTP against WireMock):
 * records what was submitted and can answer with queued failures first.
 */
public final class RecordingChektGateway implements ChektGateway {

    public record Submitted(ChektReference verification, ContactDecision decision) {
    }

    private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    private final Deque<Supplier<ChektGatewayException>> failures = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final Clock clock;

    public RecordingChektGateway(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized SubmissionReceipt submit(ChektReference verification, ContactDecision decision) {
        Supplier<ChektGatewayException> failure = failures.poll();
        if (failure != null) {
            throw failure.get();
        }
        submitted.add(new Submitted(verification, decision));
        return new SubmissionReceipt(ids.incrementAndGet(), UUID.randomUUID(), clock.instant(), OptionalInt.of(200));
    }

    /** The next {@code times} submissions fail with what {@code failure} makes. */
    public synchronized void failNext(int times, Supplier<ChektGatewayException> failure) {
        for (int i = 0; i < times; i++) {
            failures.add(failure);
        }
    }

    public List<Submitted> submitted() {
        return List.copyOf(submitted);
    }

    public synchronized void reset() {
        submitted.clear();
        failures.clear();
    }

    public static ChektGatewayException unavailable() {
        return new ChektGatewayException.Unavailable("CHeKT answered 503", 503, null, null, null, null, null);
    }

    public static ChektGatewayException closed(int status) {
        return new ChektGatewayException.ClosedOrUnknown("CHeKT answered " + status, status, "verification_closed",
                "req_1", null);
    }
}
