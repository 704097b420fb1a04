package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.EscalationStep;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.VerificationState;

/** Counts what supervisors watch on dashboards. */
public interface VerificationMetrics {

    void decisionTaken(ResponseTime responseTime);

    void escalated(EscalationStep step);

    void ended(VerificationState finalState);

    /** For code paths and tests that do not export metrics. */
    VerificationMetrics NONE = new VerificationMetrics() {
        @Override
        public void decisionTaken(ResponseTime responseTime) {
        }

        @Override
        public void escalated(EscalationStep step) {
        }

        @Override
        public void ended(VerificationState finalState) {
        }
    };
}
