package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What recomputing a verification's audit hash chain found. The check reads the chain as it is stored; it
 * seals nothing itself, so a row whose seal was removed shows as unsealed or, between sealed rows, as a gap.
 *
 * @param rowsChecked the sealed rows whose hashes were recomputed
 * @param rowsUnsealed rows written but not yet sealed into the chain (sealing follows each commit within
 *        milliseconds, and every start-up; a lasting count means a sealer failed, or someone removed seals)
 * @param firstTampered the first row, in chain order, whose stored hashes do not match its content, its
 *        predecessor or its place; every row after it is suspect too
 * @param head where the chain ends when it verifies: compare it with the head last published for this
 *        verification (the sealing log) to see whether its newest rows were removed or rewritten
 * @param rekeyedAt when the chain, hashed without a key before, was verified and re-sealed with the key
 */
public record AuditChainCheck(int rowsChecked, int rowsUnsealed, Optional<TamperedRow> firstTampered, Optional<Head> head,
                              Optional<Instant> rekeyedAt) {

    public AuditChainCheck {
        Objects.requireNonNull(firstTampered, "firstTampered");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(rekeyedAt, "rekeyedAt");
    }

    /** A chain with no head to show and no re-keying (memory, tests). */
    public AuditChainCheck(int rowsChecked, int rowsUnsealed, Optional<TamperedRow> firstTampered) {
        this(rowsChecked, rowsUnsealed, firstTampered, Optional.empty(), Optional.empty());
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

    /**
     * The chain's last row.
     *
     * @param position its place (the number of sealed rows)
     * @param hash the start of its hash, as the sealing log publishes it
     */
    public record Head(long position, String hash) {
    }
}
