package com.centralstation.verification.adapters.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Publishes where each verification's chain ends, one line per sealing, on a logger of its own
 * ({@value #LOGGER}) meant to be shipped off this machine. The chain proves nothing was changed or removed
 * before its end; these lines prove where the end was: a chain found shorter, or ending in another hash than its
 * last published line, had its newest rows removed or rewritten.
 */
final class AuditChainHeads {

    static final String LOGGER = "verification.audit.chain-head";
    /** Enough of the hash to compare by eye; the key makes even a prefix impossible to forge on purpose. */
    static final int SHOWN = 16;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    void sealed(UUID verificationId, long position, String hash, int rows) {
        log.info("audit chain of verification {} sealed to position {} (+{}), head {}", verificationId, position, rows,
                shown(hash));
    }

    static String shown(String hash) {
        return hash == null ? null : hash.substring(0, Math.min(SHOWN, hash.length()));
    }
}
