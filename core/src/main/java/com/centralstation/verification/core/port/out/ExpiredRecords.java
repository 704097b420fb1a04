package com.centralstation.verification.core.port.out;

import java.time.Instant;

/**
 * What grows with every alarm and is kept only for its retention: the raw webhook bodies, the response-link tokens and
 * the notification attempts. Removed in small batches, each committed on its own, and never for a verification that
 * is still open or decided, or that ended at or after the cutoff.
 */
public interface ExpiredRecords {

    /**
     * Removes the webhook deliveries, response tokens and notification attempts of at most {@code verifications}
     * verifications that ended before {@code endedBefore}, the longest ended first.
     *
     * @return the rows removed; 0 when nothing is left to remove
     */
    int removeOfVerificationsEndedBefore(Instant endedBefore, int verifications);

    /**
     * Removes at most {@code rows} webhook deliveries received before {@code receivedBefore} that belong to no stored
     * verification (cancellations of unknown verifications, events about nothing we keep).
     *
     * @return the rows removed
     */
    int removeUnattachedDeliveriesBefore(Instant receivedBefore, int rows);
}
