package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.Verification;

import java.util.UUID;

/** The running workflow of each verification (the engine, behind our own small interface). */
public interface VerificationProcess {

    /** Starts the workflow in the caller's transaction; nothing outside runs before it commits. */
    void start(Verification verification);

    /**
     * Hands a decision to the waiting workflow. A workflow still sending its first notification (a contact may answer
     * through the link before the gateway has answered us) is waited for, a few seconds at most.
     */
    Correlation decide(UUID verificationId, ContactDecision decision);

    /**
     * Tells the waiting workflow that the contact it notified last could not be reached after all (a phone call
     * that ended unanswered), so the escalation policy is asked at once. False when the workflow no longer waits
     * for a decision, or has notified another contact since.
     */
    boolean contactUnreachable(UUID verificationId, long contactId);

    /** Ends a running workflow; false when none was running. */
    boolean cancel(UUID verificationId, String reason);

    enum Correlation {
        /** The workflow took the decision and will submit it. */
        ACCEPTED,
        /** The workflow is no longer waiting for a decision (decided, closed or ended). */
        NOT_WAITING,
        /** The workflow does not wait for a decision yet: its first notification is still being sent. */
        NOT_YET_WAITING
    }
}
