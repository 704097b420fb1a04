package com.centralstation.verification.app.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookAdmissionTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private WebhookAdmission admission(int concurrency, Duration turnWait) {
        return new WebhookAdmission(new WebhookProperties("secret", WebhookProperties.SignatureScheme.TIMESTAMPED,
                Duration.ofMinutes(5), DataSize.ofKilobytes(64), concurrency, turnWait, Duration.ofSeconds(7)), json, registry);
    }

    @Test
    void aDeliveryFindingEveryTurnTakenIsAnswered503WithRetryAfterAndCounted() throws Exception {
        WebhookAdmission admission = admission(1, Duration.ZERO);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FilterChain slow = (request, response) -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ((MockHttpServletResponse) response).setStatus(202);
        };
        MockHttpServletResponse first = new MockHttpServletResponse();
        CompletableFuture<Void> firstDone = CompletableFuture.runAsync(() -> {
            try {
                admission.doFilter(new MockHttpServletRequest("POST", "/webhooks/chekt"), first, slow);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse second = new MockHttpServletResponse();
        admission.doFilter(new MockHttpServletRequest("POST", "/webhooks/chekt"), second, (request, response) -> {
            throw new AssertionError("a delivery without a turn must not be handled");
        });

        assertThat(second.getStatus()).isEqualTo(503);
        assertThat(second.getHeader("Retry-After")).isEqualTo("7");
        assertThat(second.getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(second.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("title").asText()).isEqualTo("Busy");
        assertThat(registry.get("chekt.webhooks.busy").counter().count()).isEqualTo(1);

        release.countDown();
        firstDone.get(10, TimeUnit.SECONDS);
        assertThat(first.getStatus()).isEqualTo(202);
    }

    @Test
    void aDeliveryWaitsForATurnThatComesFreeWithinTheWait() throws Exception {
        WebhookAdmission admission = admission(1, Duration.ofSeconds(10));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> firstDone = CompletableFuture.runAsync(() -> {
            try {
                admission.doFilter(new MockHttpServletRequest("POST", "/webhooks/chekt"), new MockHttpServletResponse(),
                        (request, response) -> {
                            inside.countDown();
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        MockHttpServletResponse second = new MockHttpServletResponse();
        CompletableFuture<Void> secondDone = CompletableFuture.runAsync(() -> {
            try {
                admission.doFilter(new MockHttpServletRequest("POST", "/webhooks/chekt"), second,
                        (request, response) -> ((MockHttpServletResponse) response).setStatus(202));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("chekt.webhooks.waiting").gauge().value() == 1);
        assertThat(secondDone).isNotDone();

        release.countDown();
        firstDone.get(10, TimeUnit.SECONDS);
        secondDone.get(10, TimeUnit.SECONDS);

        assertThat(second.getStatus()).isEqualTo(202);
        assertThat(registry.get("chekt.webhooks.busy").counter().count()).isZero();
    }
}
