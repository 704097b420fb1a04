package com.centralstation.verification.app.metrics;

import com.centralstation.verification.core.domain.CallOutcome;
import com.centralstation.verification.core.domain.EscalationStep;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.RefusalReason;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Locale;

/**
 * Supervisor dashboards: decisions by CHeKT's response-time band, escalation steps, how verifications
 * end, how notifications end, channels down, operator alerts, refused CHeKT deliveries and how phone calls
 * end. Counters are created once per tag value up front, so a scrape shows zeros too; each moves only when the
 * transaction it was counted in commits.
 */
public class MicrometerVerificationMetrics implements VerificationMetrics {

    private final MeterRegistry registry;

    public MicrometerVerificationMetrics(MeterRegistry registry) {
        this(registry, List.of());
    }

    /** @param channels the enabled channels, whose channel-down counters show from the start */
    public MicrometerVerificationMetrics(MeterRegistry registry, List<String> channels) {
        this.registry = registry;
        channels.forEach(this::channelsDown);
        for (ResponseTime band : ResponseTime.values()) {
            decisions(band);
        }
        for (EscalationStep step : EscalationStep.values()) {
            escalations(step);
            alerts(step);
        }
        for (VerificationState state : VerificationState.values()) {
            if (!state.isOpen() && state != VerificationState.DECIDED && state != VerificationState.RECEIVED) {
                outcomes(state);
            }
        }
        for (NotificationOutcome outcome : NotificationOutcome.values()) {
            notifications(outcome);
        }
        for (CallOutcome outcome : CallOutcome.values()) {
            calls(outcome);
        }
        for (RefusalReason reason : RefusalReason.values()) {
            refusals(reason);
        }
    }

    @Override
    public void decisionTaken(ResponseTime responseTime) {
        incrementAfterCommit(decisions(responseTime));
    }

    @Override
    public void escalated(EscalationStep step) {
        incrementAfterCommit(escalations(step));
    }

    @Override
    public void ended(VerificationState finalState) {
        incrementAfterCommit(outcomes(finalState));
    }

    @Override
    public void notified(NotificationOutcome outcome) {
        incrementAfterCommit(notifications(outcome));
    }

    @Override
    public void channelDown(String channel) {
        incrementAfterCommit(channelsDown(channel));
    }

    @Override
    public void operatorAlerted(EscalationStep step) {
        incrementAfterCommit(alerts(step));
    }

    @Override
    public void callEnded(CallOutcome outcome) {
        incrementAfterCommit(calls(outcome));
    }

    /** A refusal is answered at once, whatever becomes of any transaction: it counts at once. */
    @Override
    public void deliveryRefused(RefusalReason reason) {
        refusals(reason).increment();
    }

    private static void incrementAfterCommit(Counter counter) {
        AfterCommit.run(counter::increment);
    }

    private Counter decisions(ResponseTime band) {
        return Counter.builder("verification.decisions")
                .description("Decisions taken, by response time from the first notification")
                .tag("response_time", band.label())
                .register(registry);
    }

    private Counter escalations(EscalationStep step) {
        return Counter.builder("verification.escalations")
                .description("Escalation steps reached")
                .tag("step", step.code())
                .register(registry);
    }

    private Counter outcomes(VerificationState state) {
        return Counter.builder("verification.outcomes")
                .description("Verifications ended, by outcome")
                .tag("outcome", state.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private Counter notifications(NotificationOutcome outcome) {
        return Counter.builder("verification.notifications")
                .description("Contact notifications, by how they ended")
                .tag("outcome", outcome.code())
                .register(registry);
    }

    private Counter calls(CallOutcome outcome) {
        return Counter.builder("verification.voice.calls")
                .description("Phone calls to contacts that are over, by how they ended (answered: a key was confirmed)")
                .tag("outcome", outcome.code())
                .register(registry);
    }

    private Counter refusals(RefusalReason reason) {
        return Counter.builder("chekt.webhooks.refused")
                .description("CHeKT webhook deliveries refused, by reason; signed ones are kept in the quarantine")
                .tag("reason", reason.tag())
                .register(registry);
    }

    private Counter channelsDown(String channel) {
        return Counter.builder("notification.channel.down")
                .description("Notifications that found a channel down: the gateway refused our credentials or"
                        + " configuration, or kept failing until the attempts were spent")
                .tag("channel", channel)
                .register(registry);
    }

    private Counter alerts(EscalationStep step) {
        return Counter.builder("verification.operator.alerts")
                .description("Times the escalation policy alerted an operator, by step")
                .tag("step", step.code())
                .register(registry);
    }
}
