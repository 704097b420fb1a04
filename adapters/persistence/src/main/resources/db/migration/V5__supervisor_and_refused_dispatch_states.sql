-- Two more final states of a verification: CHeKT did not take a contact's dispatch (an operator calls the
-- responding agency), and a supervisor ended the process instance in Cockpit.
ALTER TABLE verification DROP CONSTRAINT verification_state_known;
ALTER TABLE verification ADD CONSTRAINT verification_state_known CHECK (state IN
    ('OPEN', 'DECIDED', 'SUBMITTED', 'CLOSED_BY_CHEKT', 'CLOSED_UNVERIFIED', 'CANCELLED',
     'DISPATCH_NOT_TAKEN', 'CANCELLED_BY_SUPERVISOR'));
