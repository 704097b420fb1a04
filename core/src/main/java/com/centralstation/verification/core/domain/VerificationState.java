package com.centralstation.verification.core.domain;

/** Where a verification stands, as supervisors and the read API see it. */
public enum VerificationState {
    /**
     * CHeKT's request is stored in the inbox (answered 202) and its workflow not started yet; nobody has been called.
     * Never stored in the verification table: the read side shows a waiting request so.
     */
    RECEIVED,
    /** Contacts are being called or an operator is working on it; no decision yet. */
    OPEN,
    /** A decision was taken and is being submitted to CHeKT. */
    DECIDED,
    /** CHeKT accepted the decision. */
    SUBMITTED,
    /** CHeKT answered that the verification is closed or unknown; our decision did not land. */
    CLOSED_BY_CHEKT,
    /** An operator closed it without a contact's decision; nothing was sent to CHeKT. */
    CLOSED_UNVERIFIED,
    /** CHeKT cancelled it (verification cancelled or alarm resolved). */
    CANCELLED,
    /**
     * CHeKT did not take a contact's DISPATCH (refused it, or stayed unreachable through every retry): an
     * operator task asks someone to call the responding agency. CHeKT's answer is in the audit trail.
     */
    DISPATCH_NOT_TAKEN,
    /** A supervisor cancelled or deleted the process instance in Cockpit; nothing more happens to it. */
    CANCELLED_BY_SUPERVISOR;

    public boolean isOpen() {
        return this == OPEN;
    }
}
