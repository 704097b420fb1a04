-- The phone calls placed to contacts (channel voice): one row per call, from just before the provider is asked
-- to place it until long after it is over. The row is what the provider's signed callbacks change, one at a time
-- (SELECT ... FOR UPDATE); the audit trail keeps every step as well.
CREATE TABLE phone_call (
    -- our own random name for the call, in every callback address the provider is given
    call_id          VARCHAR(32)              NOT NULL,
    verification_id  UUID                     NOT NULL,
    contact_id       BIGINT                   NOT NULL,
    -- the contact's place in the call list, from 1
    position         INTEGER                  NOT NULL,
    to_number        VARCHAR(255)             NOT NULL,
    placed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the provider's id of the call (Twilio's CallSid), once known
    call_sid         VARCHAR(64),
    status           VARCHAR(16)              NOT NULL,
    -- the highest SequenceNumber taken: a report that is not newer changes nothing
    last_sequence    INTEGER,
    -- JSON arrays: the statuses taken, with their times; the keys pressed at each question
    status_changes   VARCHAR                  NOT NULL,
    keys_pressed     VARCHAR                  NOT NULL,
    answered_by      VARCHAR(64),
    duration_seconds INTEGER,
    -- the answer the contact confirmed by key, whether or not it was the first decision
    confirmed_action VARCHAR(16),
    ended_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT phone_call_pk PRIMARY KEY (call_id),
    CONSTRAINT phone_call_verification_fk FOREIGN KEY (verification_id) REFERENCES verification (verification_id),
    CONSTRAINT phone_call_status_known CHECK (status IN
        ('QUEUED', 'INITIATED', 'RINGING', 'IN_PROGRESS', 'COMPLETED', 'BUSY', 'FAILED', 'NO_ANSWER', 'CANCELED')),
    CONSTRAINT phone_call_action_known CHECK (confirmed_action IN ('DISPATCH', 'DISREGARD'))
);

CREATE INDEX phone_call_verification ON phone_call (verification_id, placed_at, position);
