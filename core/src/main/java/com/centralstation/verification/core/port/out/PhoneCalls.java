package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.PhoneCall;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** The phone calls placed to contacts, each kept from before it is placed until long after it is over. */
public interface PhoneCalls {

    /**
     * Stores a call about to be placed. It commits at once, so a callback that comes before the notification's
     * transaction commits finds the call; the caller's transaction then holds the call until it ends, so such a
     * callback waits for it (and sees the contact notified) instead of running ahead of it.
     */
    void open(PhoneCall call);

    /** The provider took the call and named it; in the caller's transaction. */
    void placed(String callId, String callSid);

    Optional<PhoneCall> find(String callId);

    /**
     * Changes a call atomically, in a transaction of its own: of two callbacks about one call at once, the second
     * sees what the first did. Returns the call before and after the change; empty when there is no such call.
     */
    Optional<Change> change(String callId, UnaryOperator<PhoneCall> change);

    /** The calls of a verification, in the order they were placed. */
    List<PhoneCall> ofVerification(UUID verificationId);

    /** A call before and after one change. */
    record Change(PhoneCall before, PhoneCall after) {

        public boolean changed() {
            return !before.equals(after);
        }
    }
}
