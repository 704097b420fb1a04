package com.centralstation.verification.adapters.notification;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** How the HTTP channels judge an HTTP failure. */
final class HttpDelivery {

    private static final int MAX_REASON_LENGTH = 300;

    private HttpDelivery() {
    }

    /**
     * 401, 403 and 404 mean the gateway refuses us (credentials, account, a wrong URL): the channel is down
     * for every contact. Another 4xx means the receiver refused this message (bad number, invalid address):
     * trying again cannot help. Timeouts, rate limits, 5xx and I/O errors can pass. A request that reached the
     * gateway and got no answer (a read timeout, a connection lost on the way back) may have been taken all the same.
     */
    static DeliveryFailedException failure(String what, RestClientException exception) {
        if (exception instanceof RestClientResponseException response) {
            HttpStatusCode status = response.getStatusCode();
            String reason = what + " answered HTTP " + status.value() + body(response);
            if (isRetryable(status)) {
                return DeliveryFailedException.transientFailure(reason, exception);
            }
            return refusesUs(status) ? DeliveryFailedException.channelDown(reason, exception)
                    : DeliveryFailedException.refused(reason, exception);
        }
        if (exception instanceof ResourceAccessException) {
            if (UnansweredSend.mayHaveLeft(exception)) {
                return DeliveryFailedException.unanswered(what + " did not answer: " + exception.getMostSpecificCause()
                        + " (it may have taken the message)", exception);
            }
            return DeliveryFailedException.transientFailure(what + " unreachable: " + exception.getMostSpecificCause(),
                    exception);
        }
        return DeliveryFailedException.transientFailure(what + " failed: " + exception.getMessage(), exception);
    }

    private static boolean isRetryable(HttpStatusCode status) {
        int code = status.value();
        return !status.is4xxClientError() || code == 408 || code == 425 || code == 429;
    }

    private static boolean refusesUs(HttpStatusCode status) {
        int code = status.value();
        return code == 401 || code == 403 || code == 404 || code == 407;
    }

    private static String body(RestClientResponseException response) {
        String body = response.getResponseBodyAsString().strip().replaceAll("\\s+", " ");
        if (body.isEmpty()) {
            return "";
        }
        return ": " + (body.length() > MAX_REASON_LENGTH ? body.substring(0, MAX_REASON_LENGTH) + "..." : body);
    }
}
