package com.centralstation.verification.app.config;

import com.centralstation.verification.adapters.chekt.ChektProperties;
import com.centralstation.verification.adapters.notification.NotificationProperties;
import com.centralstation.verification.adapters.notification.NotificationProperties.Channel;

import java.time.Duration;
import java.util.Map;
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
 *       worst every one of them: SMS gateway or station webhook connect + read; e-mail the SMTP connect plus {@value #SMTP_EXCHANGES} exchanges of the SMTP
 *       conversation (greeting, EHLO, STARTTLS and EHLO again, AUTH, MAIL, RCPT, DATA, the message, QUIT), each bounded
 *       by the larger of the read and write timeouts.</li>
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

    static final int SMTP_EXCHANGES = 10;

    static JobDurationBound of(ChektProperties chekt, NotificationProperties notification, Map<String, String> mailProperties,
                               String mailProtocol, Duration connectionWait, Optional<Duration> lockWait) {
        Duration connect = chekt.connectTimeout();
        Duration read = chekt.readTimeout();
        Duration attempt = connect.multipliedBy(4).plus(read.multipliedBy(3));
        // One notification job tries the enabled channels in order until one delivers (fallback): all of them, at worst.
        Optional<Duration> allChannels = Optional.of(Duration.ZERO);
        for (Channel channel : notification.channels().stream().distinct().toList()) {
            Optional<Duration> send = switch (channel) {
                case SMS, WEBHOOK -> Optional.of(notification.connectTimeout().plus(notification.readTimeout()));
                case EMAIL -> smtp(mailProperties, mailProtocol == null ? "smtp" : mailProtocol);
                case LOG -> Optional.of(Duration.ZERO);
            };
            allChannels = allChannels.flatMap(sum -> send.map(sum::plus));
        }
        return new JobDurationBound(attempt.multipliedBy(2), allChannels, lockWait.map(connectionWait::plus));
    }

    /** The longest job; empty when some wait has no end. */
    Optional<Duration> longest() {
        return notification.flatMap(channels -> database.map(db -> (submission.compareTo(channels) > 0 ? submission : channels).plus(db)));
    }

    String explain() {
        return "CHeKT submission " + seconds(Optional.of(submission)) + ", notification on every enabled channel "
                + seconds(notification) + ", database waits " + seconds(database);
    }

    private static Optional<Duration> smtp(Map<String, String> mailProperties, String protocol) {
        Optional<Duration> connect = millis(mailProperties.get("mail." + protocol + ".connectiontimeout"));
        Optional<Duration> read = millis(mailProperties.get("mail." + protocol + ".timeout"));
        Optional<Duration> write = millis(mailProperties.get("mail." + protocol + ".writetimeout"));
        return connect.flatMap(c -> read.flatMap(r -> write.map(w -> c.plus((r.compareTo(w) > 0 ? r : w).multipliedBy(SMTP_EXCHANGES)))));
    }

    /** JavaMail's timeouts in milliseconds; unset or 0 means it waits for ever. */
    private static Optional<Duration> millis(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        long millis = Long.parseLong(value.strip());
        return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    private static String seconds(Optional<Duration> duration) {
        return duration.map(d -> d.toMillis() / 1000.0 + " s").orElse("unbounded");
    }
}
