-- Tables for contact notification and response links (the notification adapter's stores).

-- Every try to reach a contact on a channel, delivered or not: the evidence enhanced call
-- verification asks for. Log-like and written in its own transaction, so no foreign key (as audit_event).
CREATE TABLE notification_attempt (
    id              BIGINT GENERATED ALWAYS AS IDENTITY,
    verification_id UUID                     NOT NULL,
    contact_id      BIGINT                   NOT NULL,
    channel         VARCHAR(32)              NOT NULL,
    address         VARCHAR(2048),
    attempted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered       BOOLEAN                  NOT NULL,
    detail          VARCHAR,
    CONSTRAINT notification_attempt_pk PRIMARY KEY (id)
);

CREATE INDEX notification_attempt_verification ON notification_attempt (verification_id, id);

-- A contact's response link. Only the SHA-256 (hex) of the random token is stored, so a leaked
-- table does not leak working links. Bound to one verification and one contact, expiring, used once.
CREATE TABLE response_token (
    token_hash      CHAR(64)                 NOT NULL,
    verification_id UUID                     NOT NULL,
    contact_id      BIGINT                   NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT response_token_pk PRIMARY KEY (token_hash),
    CONSTRAINT response_token_verification_fk FOREIGN KEY (verification_id) REFERENCES verification (verification_id)
);

CREATE INDEX response_token_verification ON response_token (verification_id);
