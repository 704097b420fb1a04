-- What the webhook intake keeps so that no signed CHeKT delivery is lost without a trace.
-- Written in the SQL that H2 (default mode) and PostgreSQL both accept (BYTEA is H2's name too).

-- The raw body of every taken delivery, next to the verification it is about: the mapper is liberal
-- (it cuts over-long text, drops unusable contact entries), so the original stays readable.
ALTER TABLE webhook_delivery ADD COLUMN verification_id UUID;
ALTER TABLE webhook_delivery ADD COLUMN body BYTEA;

CREATE INDEX webhook_delivery_verification ON webhook_delivery (verification_id);

-- Signed deliveries that could not be used (a required field missing or malformed, JSON that does
-- not parse): answered 400 and kept here, bytes and signature headers as received, so they can be
-- checked again and replayed by hand. Bounded by a retention and a row limit (purged on a schedule).
CREATE TABLE refused_delivery (
    id          BIGINT GENERATED ALWAYS AS IDENTITY,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(32)              NOT NULL,
    field       VARCHAR(255),
    detail      VARCHAR(1000)            NOT NULL,
    -- the headers needed to check the signature again (JSON object of name to value)
    headers     VARCHAR                  NOT NULL,
    body        BYTEA                    NOT NULL,
    CONSTRAINT refused_delivery_pk PRIMARY KEY (id)
);

CREATE INDEX refused_delivery_received ON refused_delivery (received_at, id);

-- The first signal CHeKT sent about each verification UUID: its request, or a cancellation that
-- overtook it (a tombstone). Deliveries are retried independently, so a cancellation can arrive
-- first. The request and the cancellation both insert here; the primary key makes the later of two
-- concurrent transactions wait for the earlier one and then see what it wrote, so one of them always
-- learns of the other. Rows older than the tombstone expiry are purged.
CREATE TABLE verification_signal (
    verification_id UUID                     NOT NULL,
    -- 'verification.requested', or the cancelling event type ('verification.cancelled', 'alarm.resolved')
    first_signal    VARCHAR(128)             NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT verification_signal_pk PRIMARY KEY (verification_id)
);

CREATE INDEX verification_signal_received ON verification_signal (received_at);
