package com.centralstation.verification.app.metrics;

import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.workflow.process.OpenIncidents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a supervisor's dashboard alarms on: open incidents of the alarm-verification process (a job that
 * ran out of retries and waits for someone in Cockpit), verifications not ended long after they arrived, and
 * requests taken in but not started yet. All are read from the
 * database at each scrape, so every node reports the same figures.
 */
public final class SupervisionGauges implements MeterBinder {

    private final OpenIncidents incidents;
    private final VerificationRepository verifications;
    private final DeliveryInbox inbox;
    private final Clock clock;
    private final Duration overdueAfter;

    public SupervisionGauges(OpenIncidents incidents, VerificationRepository verifications, DeliveryInbox inbox, Clock clock,
                             Duration overdueAfter) {
        this.incidents = incidents;
        this.verifications = verifications;
        this.inbox = inbox;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("verification.open.incidents", incidents, OpenIncidents::count)
                .description("Open incidents of alarm verifications (Cockpit shows them; a supervisor retries or resolves them)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("verification.overdue", verifications, repository -> overdue(repository, clock.instant().minus(overdueAfter)))
                .description("Verifications received more than verification.supervision.overdue-after ago and not ended yet"
                        + " (open, or decided but not accepted by CHeKT)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("verification.inbox.waiting", inbox, DeliveryInbox::waitingCount)
                .description("Requests answered 202 and waiting in the inbox for their workflow to be started")
                .strongReference(true)
                .register(registry);
    }

    private long overdue(VerificationRepository verifications, Instant receivedBefore) {
        return verifications.countInStateReceivedBefore(VerificationState.OPEN, receivedBefore)
                + verifications.countInStateReceivedBefore(VerificationState.DECIDED, receivedBefore);
    }
}
