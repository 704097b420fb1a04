-- One row per running node (per process start), renewed every few seconds. It proves that the database takes a
-- write (the service's storage health reads the last renewal instead of writing on every health call), and it shows
-- which job-executor lock owners are in use: a node refuses to start under a lock owner whose row another instance
-- is still renewing, since two nodes under one owner would release each other's job locks.
-- Written in the SQL that H2 (default mode) and PostgreSQL both accept; times come from the database's clock.
CREATE TABLE node_heartbeat (
    instance_id VARCHAR(36)              NOT NULL,
    lock_owner  VARCHAR(255)             NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    beat_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT node_heartbeat_pk PRIMARY KEY (instance_id)
);

CREATE INDEX node_heartbeat_lock_owner ON node_heartbeat (lock_owner);
