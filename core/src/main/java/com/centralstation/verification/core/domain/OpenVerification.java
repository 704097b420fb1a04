package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One verification still open for the station, as the operator board's read model holds it: the alarm, how far
 * it has come, who was called on which channel, and its open operator tasks. The board's rules
 * ({@link BoardItem#of}) turn it into what an operator reads.
 *
 * @param siteName    the site's name, when the service knows one
 * @param decision    the decision being submitted ({@link Phase#DECIDED}) or not taken ({@link Phase#DISPATCH_NOT_TAKEN})
 * @param callList    whom this verification calls, in order (empty while {@link Phase#RECEIVED})
 * @param notified    the contacts called so far, in call order
 * @param lastChannel the channel of the latest notification attempt to the latest contact called
 * @param openTasks   the verification's Tasklist tasks that are still open, oldest first
 */
public record OpenVerification(UUID verificationId, SiteRef site, Optional<String> siteName, AlarmClass alarmClass,
                               String trigger, Optional<String> location, Instant receivedAt, Phase phase,
                               Optional<VerificationAction> decision, CallList callList, List<NotifiedContact> notified,
                               Optional<String> lastChannel, List<OperatorTask> openTasks) {

    public OpenVerification {
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(alarmClass, "alarmClass");
        trigger = Require.text(trigger, "trigger");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(phase, "phase");
        notified = notified.stream().sorted(Comparator.comparingInt(NotifiedContact::position)).toList();
        openTasks = openTasks.stream().sorted(Comparator.comparing(OperatorTask::openedAt)).toList();
    }

    /** Where a verification on the board stands in the service's own records. */
    public enum Phase {
        /** Accepted at intake, its workflow not started yet. */
        RECEIVED,
        /** Contacts are being called, or an operator has it; no decision yet. */
        OPEN,
        /** A decision is being submitted to CHeKT. */
        DECIDED,
        /** CHeKT did not take a contact's dispatch and the operator's call to the agency is still to be made. */
        DISPATCH_NOT_TAKEN
    }

    public Optional<NotifiedContact> latestNotified() {
        return notified.isEmpty() ? Optional.empty() : Optional.of(notified.get(notified.size() - 1));
    }

    public Optional<Instant> firstNotifiedAt() {
        return notified.isEmpty() ? Optional.empty() : Optional.of(notified.get(0).notifiedAt());
    }

    public boolean hasOpenTask(OperatorTask.Kind kind) {
        return openTasks.stream().anyMatch(task -> task.kind() == kind);
    }
}
