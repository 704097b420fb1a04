-- Each audit row is sealed into a hash chain per verification: its place in the chain, the hash of
-- the row before it, and SHA-256(previous hash, its own content). Rewriting, removing or reordering a
-- sealed row breaks the chain from that row on, which the application's chain check reports.
-- Rows are inserted unsealed (in the caller's transaction or their own) and sealed right after they
-- commit, in short transactions of their own: a caller's open transaction never holds the chain, so
-- an event recorded independently in the middle of it cannot wait on it. Existing rows are unsealed
-- after this migration; the application seals them at start-up, in the order they were written.
ALTER TABLE audit_event ADD COLUMN chain_position BIGINT;
ALTER TABLE audit_event ADD COLUMN previous_hash CHAR(64);
ALTER TABLE audit_event ADD COLUMN row_hash CHAR(64);

-- Two sealers racing for one verification cannot both take a place: the loser retries.
ALTER TABLE audit_event ADD CONSTRAINT audit_event_chain_position_unique UNIQUE (verification_id, chain_position);
