package com.centralstation.verification.app.metrics;

import com.centralstation.verification.core.domain.EscalationStep;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Supervisor dashboards: decisions by CHeKT's response-time band, escalation steps, and how
 * verifications end. Counters are created once per tag value up front, so a scrape shows zeros too.
 */
public class MicrometerVerificationMetrics implements VerificationMetrics {

    private final MeterRegistry registry;

    public MicrometerVerificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ResponseTime band : ResponseTime.values()) {
            decisions(band);
        }
        for (EscalationStep step : EscalationStep.values()) {
            escalations(step);
        }
        for (VerificationState state : VerificationState.values()) {
            if (!state.isOpen() && state != VerificationState.DECIDED) {
                outcomes(state);
            }
        }
    }

    @Override
    public void decisionTaken(ResponseTime responseTime) {
        decisions(responseTime).increment();
    }

    @Override
    public void escalated(EscalationStep step) {
        escalations(step).increment();
    }

    @Override
    public void ended(VerificationState finalState) {
        outcomes(finalState).increment();
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
                .tag("outcome", state.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
    }
}
