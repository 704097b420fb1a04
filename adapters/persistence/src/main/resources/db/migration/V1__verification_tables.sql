-- Our own tables. Camunda creates and migrates its ACT_* tables itself in the same database; nothing
-- here touches them. Written in the SQL that H2 (default mode) and PostgreSQL both accept.
-- Instants are TIMESTAMP WITH TIME ZONE at microsecond precision (PostgreSQL's limit), so they read
-- back as the same instant whatever the session's time zone.

-- One row per CHeKT verification. The primary key on the CHeKT UUID is what makes a second process
-- for a re-delivered webhook impossible (Camunda business keys are not unique).
CREATE TABLE verification (
    verification_id       UUID                     NOT NULL,
    dealer_id             VARCHAR(255)             NOT NULL,
    site_id               VARCHAR(255)             NOT NULL,
    alarm_verification_id BIGINT                   NOT NULL,
    -- CHeKT's free text is not bounded here: a long location must not make us refuse an alarm.
    alarm_id              VARCHAR,
    alarm_trigger         VARCHAR                  NOT NULL,
    alarm_priority        VARCHAR                  NOT NULL,
    alarm_location        VARCHAR,
    alarm_snapshot_url    VARCHAR,
    alarm_occurred_at     TIMESTAMP WITH TIME ZONE,
    -- The call list as it was when the request arrived, fixed for this verification (JSON array):
    -- later edits of the site's list must not change whom this alarm calls.
    call_list             VARCHAR                  NOT NULL,
    received_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    state                 VARCHAR(32)              NOT NULL,
    decision_contact_id   BIGINT,
    decision_action       VARCHAR(16),
    decision_responded_at TIMESTAMP WITH TIME ZONE,
    decision_source       VARCHAR(32),
    submission_chekt_id   BIGINT,
    submission_trace_id   UUID,
    submitted_at          TIMESTAMP WITH TIME ZONE,
    close_reason          VARCHAR,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT verification_pk PRIMARY KEY (verification_id),
    CONSTRAINT verification_state_known CHECK (state IN
        ('OPEN', 'DECIDED', 'SUBMITTED', 'CLOSED_BY_CHEKT', 'CLOSED_UNVERIFIED', 'CANCELLED')),
    CONSTRAINT verification_action_known CHECK (decision_action IN ('DISPATCH', 'DISREGARD')),
    -- A decision is whole or absent, and the states after a decision cannot exist without one.
    CONSTRAINT verification_decision_whole CHECK (decision_action IS NULL OR (decision_contact_id IS NOT NULL
        AND decision_responded_at IS NOT NULL AND decision_source IS NOT NULL)),
    CONSTRAINT verification_decided_has_decision CHECK (state NOT IN ('DECIDED', 'SUBMITTED')
        OR decision_action IS NOT NULL),
    CONSTRAINT verification_submission_whole CHECK (submitted_at IS NULL OR (submission_chekt_id IS NOT NULL
        AND submission_trace_id IS NOT NULL))
);

-- The read API's "open verifications, oldest first".
CREATE INDEX verification_state_received ON verification (state, received_at);

-- The contacts called for a verification, in call order.
CREATE TABLE notified_contact (
    verification_id UUID                     NOT NULL,
    position        INTEGER                  NOT NULL,
    contact_id      BIGINT                   NOT NULL,
    notified_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered       BOOLEAN                  NOT NULL,
    CONSTRAINT notified_contact_pk PRIMARY KEY (verification_id, position),
    CONSTRAINT notified_contact_verification_fk FOREIGN KEY (verification_id) REFERENCES verification (verification_id)
);

-- Append-only: the application inserts and reads, never updates or deletes. No foreign key on
-- purpose: an event recorded in its own transaction (recordIndependently) must not wait for, or
-- fail on, a verification row that the caller's transaction has not committed yet.
CREATE TABLE audit_event (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    verification_id UUID                     NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    type            VARCHAR(64)              NOT NULL,
    actor           VARCHAR(255)             NOT NULL,
    details         VARCHAR                  NOT NULL,
    CONSTRAINT audit_event_pk PRIMARY KEY (id)
);

CREATE INDEX audit_event_timeline ON audit_event (verification_id, occurred_at, id);

-- A site's call list. The parent row tells "never set" from "set to empty", and is the row that
-- concurrent replacements of the same list lock, so they queue instead of colliding on the keys.
CREATE TABLE call_list (
    dealer_id   VARCHAR(255)             NOT NULL,
    site_id     VARCHAR(255)             NOT NULL,
    replaced_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT call_list_pk PRIMARY KEY (dealer_id, site_id)
);

CREATE TABLE call_list_entry (
    dealer_id    VARCHAR(255) NOT NULL,
    site_id      VARCHAR(255) NOT NULL,
    position     INTEGER      NOT NULL,
    contact_id   BIGINT       NOT NULL,
    first_name   VARCHAR(255),
    last_name    VARCHAR(255),
    phone_number VARCHAR(64),
    email        VARCHAR(320),
    CONSTRAINT call_list_entry_pk PRIMARY KEY (dealer_id, site_id, contact_id),
    CONSTRAINT call_list_entry_position_unique UNIQUE (dealer_id, site_id, position),
    CONSTRAINT call_list_entry_list_fk FOREIGN KEY (dealer_id, site_id) REFERENCES call_list (dealer_id, site_id)
);

-- CHeKT retries a webhook delivery for up to 24 hours; the key on its event id makes a retry a no-op.
CREATE TABLE webhook_delivery (
    event_id    VARCHAR(255)             NOT NULL,
    event_type  VARCHAR(128)             NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_delivery_pk PRIMARY KEY (event_id)
);
