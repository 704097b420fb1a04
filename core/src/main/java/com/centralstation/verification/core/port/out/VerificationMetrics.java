package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.CallOutcome;
import com.centralstation.verification.core.domain.EscalationStep;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.RefusalReason;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.VerificationState;

/**
 * Counts what supervisors watch on dashboards. Called inside the use case's transaction: an
 * implementation counts only what commits.
 */
public interface VerificationMetrics {

    void decisionTaken(ResponseTime responseTime);

    void escalated(EscalationStep step);

    void ended(VerificationState finalState);

    /** A contact's notification ended. */
    void notified(NotificationOutcome outcome);

    /** A notification channel is down (credentials, configuration, or retries spent): an alert. */
    void channelDown(String channel);

    /** The escalation policy asked for an operator's attention at this step. */
    void operatorAlerted(EscalationStep step);

    /** A phone call to a contact is over. */
    void callEnded(CallOutcome outcome);

    /** A CHeKT delivery was refused (signed or not): counted whether or not it could be kept. */
    void deliveryRefused(RefusalReason reason);

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

        @Override
        public void notified(NotificationOutcome outcome) {
        }

        @Override
        public void channelDown(String channel) {
        }

        @Override
        public void operatorAlerted(EscalationStep step) {
        }

        @Override
        public void callEnded(CallOutcome outcome) {
        }

        @Override
        public void deliveryRefused(RefusalReason reason) {
        }
    };
}
