package com.centralstation.verification.adapters.notification;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Whether a send that failed without an answer may still have left: once a request has reached the gateway, a
 * timeout or a lost connection says nothing about whether the gateway took it. Only failures to connect at all say
 * that nothing left.
 */
final class UnansweredSend {

    /** Connect failures that angus-mail (JavaMail) reports under a class of its own, by name. */
    private static final String MAIL_CONNECT_EXCEPTION = "MailConnectException";

    private UnansweredSend() {
    }

    /** True when an I/O failure without an answer lies under {@code failure} and it was not a failure to connect. */
    static boolean mayHaveLeft(Throwable failure) {
        boolean io = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
                    || cause.getClass().getSimpleName().equals(MAIL_CONNECT_EXCEPTION)) {
                return false;
            }
            io |= cause instanceof IOException;
            if (cause.getCause() == cause) {
                break;
            }
        }
        return io;
    }
}
