package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.SubmissionReceipt;

/** Submits a contact's decision to CHeKT (the Partner API's PATCH of an alarm verification). */
public interface ChektGateway {

    /**
     * Sends the decision once, with no retry of its own: the engine's job retries are the one retry layer.
     *
     * @throws ChektGatewayException one of its typed subclasses when CHeKT does not accept it
     */
    SubmissionReceipt submit(ChektReference verification, ContactDecision decision);
}
