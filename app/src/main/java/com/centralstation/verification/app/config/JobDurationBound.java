package com.centralstation.verification.app.config;

import com.centralstation.verification.adapters.chekt.ChektProperties;

import java.time.Duration;
import java.util.Optional;

/**
 * The longest any job of this service can run, added up from the timeouts of everything a job waits for. The job
 * lock time must lie above it ({@link JobLockTime}): a node owns a job it took for the lock time, and a job still
 * running when its lock expires may be taken by a second node and run twice.
 *
 * <ul>
 *   <li><b>Submitting a decision to CHeKT</b>: at most two attempts (the second after CHeKT refused the token and it
 *       was fetched again), each waiting for another thread's token request (connect + read), making its own
 *       (connect + read), leasing a pooled connection (connect), connecting (connect) and waiting for CHeKT's answer
 *       (read): 2 x (4 x connect + 3 x read).</li>
 *   <li><b>Notifying a contact</b>: the enabled channels are tried in their configured order until one delivers, so at
 *       worst every one of them; each channel says how long one send can take at worst
 *       ({@code EnabledChannels.longestNotification()}).</li>
 *   <li><b>The database</b>, for every job: one wait for a pooled connection and one for a row lock. A job waits
 *       longer only on a database so overloaded that a connection or lock wait runs out more than once.</li>
 * </ul>
 * Escalation timers, accepting a decision and closing a verification only use the database.
 *
 * @param submission   the CHeKT part of a submission
 * @param notification the channel part of a notification that tries every enabled channel, empty when a channel has
 *                     no timeout at all
 * @param database     the database part of any job, empty when the database may wait without end
 */
record JobDurationBound(Duration submission, Optional<Duration> notification, Optional<Duration> database) {

    static JobDurationBound of(ChektProperties chekt, Optional<Duration> notification, Duration connectionWait,
                               Optional<Duration> lockWait) {
        Duration attempt = chekt.connectTimeout().multipliedBy(4).plus(chekt.readTimeout().multipliedBy(3));
        return new JobDurationBound(attempt.multipliedBy(2), notification, lockWait.map(connectionWait::plus));
    }

    /** The longest job; empty when some wait has no end. */
    Optional<Duration> longest() {
        return notification.flatMap(channels -> database.map(db -> (submission.compareTo(channels) > 0 ? submission : channels).plus(db)));
    }

    String explain() {
        return "CHeKT submission " + seconds(Optional.of(submission)) + ", notification on every enabled channel "
                + seconds(notification) + ", database waits " + seconds(database);
    }

    private static String seconds(Optional<Duration> duration) {
        return duration.map(d -> d.toMillis() / 1000.0 + " s").orElse("unbounded");
    }
}
