package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What recomputing a verification's audit hash chain found.
 *
 * @param rowsChecked the sealed rows whose hashes were recomputed
 * @param rowsUnsealed rows written but not yet sealed into the chain (sealing follows each commit and
 *        every start-up; a lasting count means a sealer failed)
 * @param firstTampered the first row, in chain order, whose stored hashes do not match its content or
 *        its predecessor; every row after it is suspect too
 */
public record AuditChainCheck(int rowsChecked, int rowsUnsealed, Optional<TamperedRow> firstTampered) {

    public AuditChainCheck {
        Objects.requireNonNull(firstTampered, "firstTampered");
    }

    /** True when every row is sealed and every sealed row recomputes to its stored hash. */
    public boolean verifies() {
        return firstTampered.isEmpty() && rowsUnsealed == 0;
    }

    /**
     * @param position the row's place in the chain (1 for the first)
     * @param type the row's event type as stored (text: a tampered row may hold anything)
     * @param reason why it does not verify
     */
    public record TamperedRow(long position, Instant at, String type, String reason) {
    }
}
