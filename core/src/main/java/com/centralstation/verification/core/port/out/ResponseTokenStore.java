package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.ResponseToken;

import java.time.Instant;
import java.util.Optional;

/** Stored response-link tokens, by hash. */
public interface ResponseTokenStore {

    /**
     * Stores a token in the caller's transaction. The notification that issues it commits the token together with
     * the notified contact, on their own, before any message carries the link.
     */
    void save(ResponseToken token);

    Optional<ResponseToken> find(String tokenHash);

    /** Marks the token used if it was not already; false when it had been used. Atomic. */
    boolean markUsed(String tokenHash, Instant usedAt);
}
