-- The policy dry run reads the recorded steps of one type in a window, newest first (up to a year of them):
-- an index on type and time lets it read them in order instead of sorting the whole table.
CREATE INDEX audit_event_by_type ON audit_event (type, occurred_at, id);
