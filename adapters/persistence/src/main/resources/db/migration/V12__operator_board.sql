-- The operator board (GET /api/board, /board) reads the service's own tables, never the engine's: the open
-- verifications from verification, who was called from notified_contact and notification_attempt, and the
-- operator tasks from operator_task below. What changed comes from audit_event, whose identity is the board's
-- change feed.

-- Every Tasklist task of a verification (review, alert, agency call), written by task listeners in the engine's own
-- transaction when the task opens, changes holder and ends. Ended tasks stay (closed_at set): who held a task and
-- until when is part of the record.
CREATE TABLE operator_task (
    task_id             VARCHAR(64)              NOT NULL,
    verification_id     UUID                     NOT NULL,
    process_instance_id VARCHAR(64)              NOT NULL,
    kind                VARCHAR(16)              NOT NULL,
    name                VARCHAR(255)             NOT NULL,
    assignee            VARCHAR(255),
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT operator_task_pk PRIMARY KEY (task_id)
);

-- The open tasks of the verifications on a page.
CREATE INDEX operator_task_verification ON operator_task (verification_id, closed_at);
-- Every open task: a dispatch CHeKT did not take stays on the board while its agency call is open.
CREATE INDEX operator_task_open ON operator_task (closed_at, verification_id);

-- The board's order within a state: class, then oldest first, so a page reads a few index entries per class
-- instead of sorting every open verification.
CREATE INDEX verification_board ON verification (state, alarm_class, received_at, verification_id);
