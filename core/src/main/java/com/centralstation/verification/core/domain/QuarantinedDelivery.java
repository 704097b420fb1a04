package com.centralstation.verification.core.domain;

import java.util.Objects;

/** A refused delivery as the quarantine holds it, under the id it was kept with. */
public record QuarantinedDelivery(long id, RefusedDelivery delivery) {

    public QuarantinedDelivery {
        Objects.requireNonNull(delivery, "delivery");
    }
}
