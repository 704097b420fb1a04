-- A contact counts as notified from the moment a message with their link may leave: the notification is recorded,
-- with its link, in a commit of its own before anything is sent, and how the send ended is written over it.
-- delivery: sending (recorded, not yet known), delivered, unconfirmed (a channel may have taken it without saying
-- so; never sent again), not_sent (nothing left, the job tries again), failed (unreachable or channel down).
-- delivered stays true exactly when delivery is 'delivered', for readers of the earlier schema.
ALTER TABLE notified_contact ADD COLUMN delivery VARCHAR(16);
UPDATE notified_contact SET delivery = CASE WHEN delivered THEN 'delivered' ELSE 'failed' END;
ALTER TABLE notified_contact ALTER COLUMN delivery SET NOT NULL;
ALTER TABLE notified_contact ADD CONSTRAINT notified_contact_delivery_known CHECK (delivery IN
    ('sending', 'delivered', 'unconfirmed', 'not_sent', 'failed'));

-- An attempt whose channel took the request and never answered (a read timeout, a connection lost after sending):
-- the message may have left. Such an attempt is not counted as a failure and is never repeated.
ALTER TABLE notification_attempt ADD COLUMN unconfirmed BOOLEAN DEFAULT FALSE NOT NULL;
