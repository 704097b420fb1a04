package com.centralstation.verification.core.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One phone call to a contact about a verification, as the station keeps it: what the provider reported, what the
 * contact pressed and how it ended. The provider's reports may arrive late, twice or out of order; a call only
 * moves forward ({@link #reported}), and once it is over nothing changes it.
 *
 * @param callId our own unguessable name for the call, in every callback address the provider is given (never the
 *               verification's id)
 * @param position the contact's place in the call list, from 1
 * @param to the number called
 * @param callSid the provider's id of the call, once known
 * @param lastSequence the highest {@code SequenceNumber} of a report taken so far
 * @param confirmed the answer the contact confirmed by key, whether or not it was the first decision
 */
public record PhoneCall(String callId, UUID verificationId, long contactId, int position, String to, Instant placedAt,
                        Optional<String> callSid, CallStatus status, OptionalInt lastSequence,
                        List<StatusChange> statusChanges, Optional<String> answeredBy, OptionalInt durationSeconds,
                        List<KeyPress> keys, Optional<VerificationAction> confirmed, Optional<Instant> endedAt) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MACHINE_PREFIX = "machine";
    private static final String FAX = "fax";

    public PhoneCall {
        callId = Require.text(callId, "callId");
        Objects.requireNonNull(verificationId, "verificationId");
        to = Require.text(to, "to");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(callSid, "callSid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastSequence, "lastSequence");
        statusChanges = List.copyOf(statusChanges);
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        keys = List.copyOf(keys);
        Objects.requireNonNull(confirmed, "confirmed");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** A call about to be placed: known to the station before the provider is asked, so no callback finds it missing. */
    public static PhoneCall dialling(UUID verificationId, long contactId, int position, String to, Instant at) {
        return new PhoneCall(newCallId(), verificationId, contactId, position, to, at, Optional.empty(), CallStatus.QUEUED,
                OptionalInt.empty(), List.of(), Optional.empty(), OptionalInt.empty(), List.of(), Optional.empty(),
                Optional.empty());
    }

    /** 128 random bits, URL-safe: a callback address cannot be guessed from another. */
    static String newCallId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Answering-machine detection said a machine or a fax took the call. */
    public static boolean isMachine(String answeredBy) {
        String who = answeredBy == null ? "" : answeredBy.strip().toLowerCase(Locale.ROOT);
        return who.startsWith(MACHINE_PREFIX) || who.equals(FAX);
    }

    public boolean isOver() {
        return status.isFinal();
    }

    /** Whether a callback naming {@code sid} can be about this call: the same sid, or none known yet. */
    public boolean isCall(String sid) {
        return callSid.isEmpty() || callSid.get().equals(sid);
    }

    /** The provider took the call and named it. */
    public PhoneCall placed(String sid) {
        if (callSid.isPresent()) {
            return this;
        }
        return new PhoneCall(callId, verificationId, contactId, position, to, placedAt, Optional.of(Require.text(sid, "sid")),
                status, lastSequence, statusChanges, answeredBy, durationSeconds, keys, confirmed, endedAt);
    }

    /**
     * Takes a provider's report if it is newer than what the call knows: a higher sequence number, or without one a
     * later status. A late, repeated or out-of-order report, and any report after the call is over, changes
     * nothing (the same call is returned).
     */
    public PhoneCall reported(CallReport report) {
        if (isOver() || !isCall(report.callSid()) || !isNewer(report)) {
            return this;
        }
        List<StatusChange> changes = new ArrayList<>(statusChanges);
        changes.add(new StatusChange(report.status(), report.sequence(), report.receivedAt()));
        OptionalInt sequence = report.sequence().isPresent() ? report.sequence() : lastSequence;
        return new PhoneCall(callId, verificationId, contactId, position, to, placedAt, Optional.of(report.callSid()),
                report.status(), sequence, changes, report.answeredBy().or(() -> answeredBy),
                report.durationSeconds().isPresent() ? report.durationSeconds() : durationSeconds, keys, confirmed,
                report.status().isFinal() ? Optional.of(report.receivedAt()) : endedAt);
    }

    private boolean isNewer(CallReport report) {
        if (report.sequence().isPresent() && lastSequence.isPresent()) {
            return report.sequence().getAsInt() > lastSequence.getAsInt();
        }
        return report.status() != status && !status.isAfter(report.status());
    }

    /** Who picked up, as the provider's answering-machine detection told when the call was answered. */
    public PhoneCall answeredBy(Optional<String> who) {
        if (answeredBy.isPresent() || who.filter(value -> !value.isBlank()).isEmpty()) {
            return this;
        }
        return new PhoneCall(callId, verificationId, contactId, position, to, placedAt, callSid, status, lastSequence,
                statusChanges, who.map(String::strip), durationSeconds, keys, confirmed, endedAt);
    }

    public PhoneCall pressed(KeyPress press) {
        List<KeyPress> pressed = new ArrayList<>(keys);
        pressed.add(press);
        return new PhoneCall(callId, verificationId, contactId, position, to, placedAt, callSid, status, lastSequence,
                statusChanges, answeredBy, durationSeconds, pressed, confirmed, endedAt);
    }

    /** The contact confirmed this answer by key. */
    public PhoneCall confirmedAs(VerificationAction action) {
        return new PhoneCall(callId, verificationId, contactId, position, to, placedAt, callSid, status, lastSequence,
                statusChanges, answeredBy, durationSeconds, keys, Optional.of(action), endedAt);
    }

    /** How the call ended; empty while it is not over. */
    public Optional<CallOutcome> outcome() {
        if (!isOver()) {
            return Optional.empty();
        }
        if (confirmed.isPresent()) {
            return Optional.of(CallOutcome.ANSWERED);
        }
        return Optional.of(switch (status) {
            case BUSY -> CallOutcome.BUSY;
            case NO_ANSWER -> CallOutcome.NO_ANSWER;
            case FAILED -> CallOutcome.FAILED;
            case CANCELED -> CallOutcome.CANCELED;
            case COMPLETED -> answeredBy.filter(PhoneCall::isMachine).isPresent() ? CallOutcome.MACHINE
                    : CallOutcome.NO_CONFIRMED_KEY;
            case QUEUED, INITIATED, RINGING, IN_PROGRESS -> throw new IllegalStateException(status + " is not final");
        });
    }

    /** All keys pressed, in order, as one line for records ({@code menu:1 confirm:1}, a dash for silence). */
    public String keysPressed() {
        return String.join(" ", keys.stream().map(press -> press.prompt() + ":" + (press.digits().isEmpty() ? "-"
                : press.digits())).toList());
    }

    /** A status the provider reported, when the station took it. */
    public record StatusChange(CallStatus status, OptionalInt sequence, Instant at) {

        public StatusChange {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(sequence, "sequence");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * What the contact pressed at one question of the call.
     *
     * @param prompt which question: {@code menu}, {@code confirm-dispatch}, {@code confirm-disregard}
     * @param digits the keys, empty when the contact pressed none before the question timed out
     */
    public record KeyPress(String prompt, String digits, Instant at) {

        public KeyPress {
            prompt = Require.text(prompt, "prompt");
            digits = digits == null ? "" : digits.strip();
            Objects.requireNonNull(at, "at");
        }
    }
}
