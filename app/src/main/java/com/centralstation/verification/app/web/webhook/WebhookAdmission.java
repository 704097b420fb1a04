package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.app.web.ApiProblems;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets at most {@code chekt.webhook-concurrency} of CHeKT's deliveries be handled at once, in the order they came.
 * A storm of webhooks would otherwise take every request thread, pooled connection and core, and a contact's
 * decision or an operator's answer would wait behind it. A delivery that finds no turn within
 * {@code chekt.webhook-turn-wait} is answered 503 with {@code Retry-After} (CHeKT retries deliveries) and counted in
 * {@code chekt_webhooks_busy_total}; nothing of it was read or stored. {@code chekt_webhooks_waiting} shows the
 * deliveries waiting for a turn.
 */
public final class WebhookAdmission extends OncePerRequestFilter {

    private final Semaphore turns;
    private final long waitNanos;
    private final Duration retryAfter;
    private final ObjectMapper json;
    private final Counter busy;

    public WebhookAdmission(WebhookProperties properties, ObjectMapper json, MeterRegistry registry) {
        this.turns = new Semaphore(properties.webhookConcurrency(), true);
        this.waitNanos = properties.webhookTurnWait().toNanos();
        this.retryAfter = properties.webhookRetryAfter();
        this.json = json;
        this.busy = Counter.builder("chekt.webhooks.busy")
                .description("Deliveries answered 503 with Retry-After because intake had no turn free in time (CHeKT retries them)")
                .register(registry);
        Gauge.builder("chekt.webhooks.waiting", turns, Semaphore::getQueueLength)
                .description("Deliveries waiting for their turn to be taken in")
                .strongReference(true)
                .register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            busy.increment();
            answerBusy(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turns.release();
        }
    }

    private void answerBusy(HttpServletResponse response) throws IOException {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", null,
                "the service is taking in other deliveries; send this one again after " + retryAfter.toSeconds() + " s").getBody();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
