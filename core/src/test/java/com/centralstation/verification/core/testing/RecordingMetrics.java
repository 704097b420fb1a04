package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.CallOutcome;
import com.centralstation.verification.core.domain.EscalationStep;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.RefusalReason;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.VerificationMetrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every count, in order, as {@code meter:value} ({@code deliveryRefused:signature}). */
public final class RecordingMetrics implements VerificationMetrics {

    public final List<String> counted = new CopyOnWriteArrayList<>();

    @Override
    public void decisionTaken(ResponseTime responseTime) {
        counted.add("decisionTaken:" + responseTime.label());
    }

    @Override
    public void escalated(EscalationStep step) {
        counted.add("escalated:" + step.code());
    }

    @Override
    public void ended(VerificationState finalState) {
        counted.add("ended:" + finalState.name());
    }

    @Override
    public void notified(NotificationOutcome outcome) {
        counted.add("notified:" + outcome.code());
    }

    @Override
    public void channelDown(String channel) {
        counted.add("channelDown:" + channel);
    }

    @Override
    public void operatorAlerted(EscalationStep step) {
        counted.add("operatorAlerted:" + step.code());
    }

    @Override
    public void callEnded(CallOutcome outcome) {
        counted.add("callEnded:" + outcome.code());
    }

    @Override
    public void deliveryRefused(RefusalReason reason) {
        counted.add("deliveryRefused:" + reason.tag());
    }
}
