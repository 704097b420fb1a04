package com.centralstation.verification.adapters.chekt;

import com.centralstation.verification.core.port.out.ChektGatewayException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CHeKT access tokens for this service: one cached token shared by every thread, fetched again before it
 * expires, and dropped when CHeKT says it is no longer good.
 *
 * <p>Spring's authorized-client manager caches but does not serialise: eight job-executor threads starting on
 * an empty cache would make eight token requests. One lock makes the first thread fetch and the others reuse its
 * token; a waiter gives up after one token request's worth of time, so a dead token endpoint cannot pile threads
 * up behind each other.
 */
final class ChektAccessTokens {

    static final String REGISTRATION_ID = "chekt";
    /** Client credentials act for the service itself; the cache still wants a principal name. */
    static final String PRINCIPAL = "central-station";

    private static final OAuth2AuthorizeRequest AUTHORIZE = OAuth2AuthorizeRequest
            .withClientRegistrationId(REGISTRATION_ID)
            .principal(PRINCIPAL)
            .build();

    private final OAuth2AuthorizedClientManager manager;
    private final OAuth2AuthorizedClientService cache;
    private final Duration maxWait;
    private final Clock clock;
    private final Lock lock = new ReentrantLock();

    ChektAccessTokens(OAuth2AuthorizedClientManager manager, OAuth2AuthorizedClientService cache, Duration maxWait,
                      Clock clock) {
        this.manager = manager;
        this.cache = cache;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /**
     * @param traceId the trace id of the CHeKT request that needs the token, carried by a failure
     * @throws ChektGatewayException.NotAllowed when the token endpoint refuses our credentials
     * @throws ChektGatewayException.Unavailable when it cannot be reached or answers nonsense
     */
    String accessToken(UUID traceId) {
        acquire(traceId);
        try {
            OAuth2AuthorizedClient client = manager.authorize(AUTHORIZE);
            if (client == null) {
                throw new ChektGatewayException.Unavailable("no CHeKT access token was issued", 0, null, null, null,
                        traceId, null);
            }
            return client.getAccessToken().getTokenValue();
        } catch (ChektGatewayException failure) {
            throw failure;
        } catch (RuntimeException failure) {
            throw TokenEndpointFailures.translate(failure, traceId, clock);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets the cached token if it is still the one CHeKT refused; a token another thread has already
     * replaced is left alone, so concurrent 401s cause one refresh, not one each. It takes no lock: waiting here
     * behind a slow token request would add a wait the job lock time does not allow for, and a replacement made
     * between the check and the removal costs only one more token request.
     */
    void discard(String refusedToken) {
        OAuth2AuthorizedClient cached = cache.loadAuthorizedClient(REGISTRATION_ID, PRINCIPAL);
        if (cached != null && cached.getAccessToken().getTokenValue().equals(refusedToken)) {
            cache.removeAuthorizedClient(REGISTRATION_ID, PRINCIPAL);
        }
    }

    private void acquire(UUID traceId) {
        try {
            if (!lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ChektGatewayException.Unavailable(
                        "gave up waiting for another thread's CHeKT token request after " + maxWait, 0, null, null,
                        null, traceId, null);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ChektGatewayException.Unavailable("interrupted while waiting for a CHeKT token", 0, null, null,
                    null, traceId, interrupted);
        }
    }
}
