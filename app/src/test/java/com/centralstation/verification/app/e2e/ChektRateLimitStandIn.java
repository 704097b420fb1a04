package com.centralstation.verification.app.e2e;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * CHeKT's documented rate limit for the stubs that name it: a token bucket per app, full at the start, refilled at
 * the tier's rate; past it, 429 with {@code Retry-After} (whole seconds until the next token) and
 * {@code X-RateLimit-Reset}. It runs on the engine's clock (ClockUtil, this JVM), so a test that moves the engine's
 * time moves CHeKT's bucket with it.
 */
final class ChektRateLimitStandIn implements ResponseDefinitionTransformerV2 {

    static final String NAME = "chekt-rate-limit";

    private double perSecond = 0.5;
    private double capacity = 30;
    private double tokens = 30;
    private Instant refilledAt = Instant.EPOCH;
    private int limited;

    /** A full bucket of {@code perMinute} tokens, refilled at {@code perMinute} a minute. */
    synchronized void reset(int perMinute) {
        perSecond = perMinute / 60.0;
        capacity = perMinute;
        tokens = perMinute;
        refilledAt = now();
        limited = 0;
    }

    /** How many requests were answered 429. */
    synchronized int limited() {
        return limited;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        Instant now = now();
        if (now.isAfter(refilledAt)) {
            tokens = Math.min(capacity, tokens + Duration.between(refilledAt, now).toMillis() / 1000.0 * perSecond);
            refilledAt = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return serveEvent.getResponseDefinition();
        }
        limited++;
        long seconds = (long) Math.ceil((1 - tokens) / perSecond);
        return aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", String.valueOf(seconds))
                .withHeader("X-RateLimit-Reset", String.valueOf(now.plusSeconds(seconds).getEpochSecond()))
                .withBody("{\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many requests\",\"request_id\":\"req_429\"}}")
                .build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
