package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.core.domain.RefusalReason;

/** A signed delivery this service cannot act on: answered 400 naming the field, and kept in the quarantine. */
public class UnusableDeliveryException extends RuntimeException {

    private final RefusalReason reason;
    private final String field;

    public UnusableDeliveryException(RefusalReason reason, String field, String detail) {
        super(detail);
        this.reason = reason;
        this.field = field;
    }

    public RefusalReason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
