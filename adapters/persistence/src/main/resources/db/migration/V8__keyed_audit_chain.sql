-- The audit chain's row hashes become keyed: HMAC-SHA256 with verification.audit.chain-key, a secret kept
-- outside the database, instead of a SHA-256 anyone who can write the database can recompute.
-- Chains sealed before this migration are re-keyed once, at the next start-up: each is first verified under its
-- old unkeyed hash and then re-sealed with the key, row by row, in its own transaction. The list below is
-- what is left to do; the application empties it.
CREATE TABLE audit_chain_rekey_pending (
    verification_id UUID NOT NULL,
    CONSTRAINT audit_chain_rekey_pending_pk PRIMARY KEY (verification_id)
);

INSERT INTO audit_chain_rekey_pending (verification_id)
SELECT DISTINCT verification_id FROM audit_event WHERE chain_position IS NOT NULL;

-- What the re-keying did, per chain, for an auditor: when, how many rows, whether the unkeyed chain verified
-- before it was re-sealed (one that did not keeps its old hashes and fails every check from then on), and the
-- heads before and after.
CREATE TABLE audit_chain_rekeyed (
    verification_id  UUID                     NOT NULL,
    rekeyed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    rows_rekeyed     INTEGER                  NOT NULL,
    unkeyed_verified BOOLEAN                  NOT NULL,
    unkeyed_head     CHAR(64),
    keyed_head       CHAR(64),
    CONSTRAINT audit_chain_rekeyed_pk PRIMARY KEY (verification_id)
);
