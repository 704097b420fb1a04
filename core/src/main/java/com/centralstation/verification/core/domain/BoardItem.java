package com.centralstation.verification.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One line of the operator board: an open verification with what an operator reads at a glance, worked out at
 * one instant. Its age is measured from the moment the station received the alarm, and graded in CHeKT's
 * response-time bands ({@link ResponseTime}).
 *
 * @param stateText      the stage in words, e.g. "notifying contact 2 of 3" ("calling contact 2 of 3" by phone)
 * @param nextEscalation when the escalation ladder takes its next step, while it runs
 * @param operatorTask   the open Tasklist task an operator should act on, if any
 */
public record BoardItem(OpenVerification verification, BoardStage stage, String stateText,
                        Optional<CurrentContact> currentContact, Duration age, ResponseTime bucket,
                        Optional<Instant> nextEscalation, Optional<OperatorTask> operatorTask) {

    /**
     * How soon a life-safety signal should be on its way onward: NFPA 72 expects a fire alarm passed to the fire
     * service within about 90 seconds. The board draws this line for every life-safety alarm.
     */
    public static final Duration LIFE_SAFETY_LINE = Duration.ofSeconds(90);

    /** The channel that reaches a contact by a phone call (its state reads "calling", not "notifying"). */
    private static final String VOICE = "voice";

    /** Which open task is the one to act on when a verification has several: the most pressing kind, then the newest. */
    private static final List<OperatorTask.Kind> TASK_URGENCY = List.of(OperatorTask.Kind.AGENCY_CALL,
            OperatorTask.Kind.REVIEW, OperatorTask.Kind.ALERT, OperatorTask.Kind.OTHER);

    /**
     * The contact called last, the one the ladder waits for.
     *
     * @param position  their place in the call list, from 1
     * @param of        how many contacts the call list has
     * @param delivered whether a channel took the message
     * @param channel   the channel of the latest attempt to reach them
     */
    public record CurrentContact(long contactId, String name, int position, int of, boolean delivered,
                                 Optional<String> channel) {
    }

    /**
     * The board's rules for one open verification at {@code now}.
     *
     * @param escalationSteps the escalation timers, measured from the first notification (2, 5 and 10 minutes as shipped)
     */
    public static BoardItem of(OpenVerification verification, Instant now, List<Duration> escalationSteps) {
        Duration age = Duration.between(verification.receivedAt(), now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        Optional<OperatorTask> task = verification.openTasks().stream()
                .max(Comparator.<OperatorTask>comparingInt(t -> -TASK_URGENCY.indexOf(t.kind()))
                        .thenComparing(OperatorTask::openedAt));
        BoardStage stage = stage(verification);
        return new BoardItem(verification, stage, stateText(stage, verification), currentContact(verification), age,
                ResponseTime.of(verification.receivedAt(), now), nextEscalation(verification, now, escalationSteps), task);
    }

    /** True for a life-safety alarm older than {@link #LIFE_SAFETY_LINE}. */
    public boolean pastLifeSafetyLine() {
        return verification.alarmClass() == AlarmClass.LIFE_SAFETY && age.compareTo(LIFE_SAFETY_LINE) > 0;
    }

    private static BoardStage stage(OpenVerification verification) {
        return switch (verification.phase()) {
            case RECEIVED -> BoardStage.RECEIVED;
            // the dispatch deadline passed: an operator calls the agency while the submission goes on
            case DECIDED -> verification.hasOpenTask(OperatorTask.Kind.AGENCY_CALL) ? BoardStage.DISPATCH_NOT_TAKEN
                    : BoardStage.SUBMITTING;
            case DISPATCH_NOT_TAKEN -> BoardStage.DISPATCH_NOT_TAKEN;
            case OPEN -> verification.hasOpenTask(OperatorTask.Kind.REVIEW) ? BoardStage.WITH_OPERATOR
                    : untouched(verification) ? BoardStage.RECEIVED : BoardStage.NOTIFYING;
        };
    }

    /**
     * Taken in and nothing done yet: nobody notified and no task open. The workflow starts after the intake's
     * commit, so this is a moment normally, and the alarms waiting for the engine when it is behind.
     */
    private static boolean untouched(OpenVerification verification) {
        return verification.notified().isEmpty() && verification.openTasks().isEmpty();
    }

    private static String stateText(BoardStage stage, OpenVerification verification) {
        String action = verification.decision().map(VerificationAction::code).orElse("decision");
        return switch (stage) {
            case RECEIVED -> "received";
            case SUBMITTING -> "submitting " + action;
            case DISPATCH_NOT_TAKEN -> verification.phase() == OpenVerification.Phase.DECIDED
                    ? "dispatch not taken yet: call the agency" : "dispatch not taken: call the agency";
            case WITH_OPERATOR -> "with operator";
            case NOTIFYING -> notifying(verification)
                    + (verification.hasOpenTask(OperatorTask.Kind.ALERT) ? ", operator alerted" : "");
        };
    }

    private static String notifying(OpenVerification verification) {
        int contacts = verification.callList().size();
        if (contacts == 0) {
            return "no contact to call";
        }
        // An operator alerted before anyone was notified (the ladder's first step went to them): contact 1 is next.
        int current = Math.max(1, verification.latestNotified().map(NotifiedContact::position).orElse(0));
        // A phone call is live while the ladder waits (it rings, or the contact is on the line): say so, as a
        // station's own screens do; every other channel has sent its message and waits for the answer.
        String doing = verification.latestNotified().isPresent() && verification.lastChannel().filter(VOICE::equals).isPresent()
                ? "calling" : "notifying";
        return doing + " contact " + current + " of " + contacts;
    }

    private static Optional<CurrentContact> currentContact(OpenVerification verification) {
        return verification.latestNotified().map(notified -> new CurrentContact(notified.contactId(),
                verification.callList().find(notified.contactId()).map(Contact::displayName)
                        .orElse("contact " + notified.contactId()),
                notified.position(), verification.callList().size(), notified.delivered(), verification.lastChannel()));
    }

    /** The ladder's timers run from the first notification while the verification is open and undecided. */
    private static Optional<Instant> nextEscalation(OpenVerification verification, Instant now, List<Duration> steps) {
        if (verification.phase() != OpenVerification.Phase.OPEN) {
            return Optional.empty();
        }
        return verification.firstNotifiedAt().flatMap(first -> steps.stream().sorted().map(first::plus)
                .filter(due -> due.isAfter(now)).findFirst());
    }
}
