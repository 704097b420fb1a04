-- The inbox: a verification request is answered 202 once its webhook_delivery row (raw body, event id) is
-- committed, and waits in that row until a starter starts its workflow. Written in the SQL that H2 (default mode)
-- and PostgreSQL both accept.

-- The verification a request delivery brought, unique: the same verification under another event id is a duplicate,
-- before and after its start (NULL for cancellations, other events, and the duplicates themselves).
ALTER TABLE webhook_delivery ADD COLUMN requested_verification_id UUID;
ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_request_unique UNIQUE (requested_verification_id);

-- While the request waits to be started: its alarm class's rank (0 life safety, 1 high, 2 normal), NULL once it is
-- started, stored cancelled, found a duplicate or quarantined. Starters take waiting rows by rank, then arrival,
-- through this index; the range start_rank >= 0 seeks past the NULLs (first in H2's order, last in PostgreSQL's).
ALTER TABLE webhook_delivery ADD COLUMN start_rank SMALLINT;
CREATE INDEX webhook_delivery_waiting ON webhook_delivery (start_rank, received_at, event_id);

-- Failed attempts to start it: after a few the request is moved to the quarantine (refused_delivery).
ALTER TABLE webhook_delivery ADD COLUMN start_attempts INTEGER DEFAULT 0 NOT NULL;

-- Requests taken before the inbox were started in their delivery's transaction: each verification's first delivery
-- is its request.
UPDATE webhook_delivery SET requested_verification_id = verification_id
 WHERE event_type = 'verification.requested' AND verification_id IS NOT NULL
   AND event_id IN (SELECT MIN(event_id) FROM webhook_delivery
                     WHERE event_type = 'verification.requested' AND verification_id IS NOT NULL
                     GROUP BY verification_id);
