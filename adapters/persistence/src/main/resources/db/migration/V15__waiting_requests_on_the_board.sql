-- The operator board lists a request still waiting in the inbox (state received) beside the started verifications,
-- and its change feed names the request as it arrives: what the board shows of a waiting alarm, kept when the request
-- is taken in, and its place in the feed. Requests waiting at the upgrade have none of it and show once started.
ALTER TABLE webhook_delivery ADD COLUMN dealer_id VARCHAR(255);
ALTER TABLE webhook_delivery ADD COLUMN site_id VARCHAR(255);
ALTER TABLE webhook_delivery ADD COLUMN alarm_trigger VARCHAR;
ALTER TABLE webhook_delivery ADD COLUMN alarm_location VARCHAR;

-- Numbered when a delivery becomes a request (not for cancellations, duplicates or other events), so that the feed
-- sees no gaps but those of rolled-back transactions.
CREATE SEQUENCE inbox_arrival;
ALTER TABLE webhook_delivery ADD COLUMN arrival BIGINT;
CREATE UNIQUE INDEX webhook_delivery_arrival ON webhook_delivery (arrival);
