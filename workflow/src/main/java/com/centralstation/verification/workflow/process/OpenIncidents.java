package com.centralstation.verification.workflow.process;

/**
 * How many incidents of the alarm-verification process are open: jobs that ran out of retries and wait for a
 * supervisor in Cockpit. Read from the database at each call, so every node answers the same. The app's supervision
 * gauge asks through this, so it needs no engine type.
 */
public interface OpenIncidents {

    long count();
}
