package com.centralstation.verification.app.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * CHeKT delivering webhooks to a service over real HTTP: each delivery signed as CHeKT signs it ({@link ChektSignature},
 * timestamped by the given clock), and sent again, signed anew, after the {@code Retry-After} of a 503: the service takes
 * a limited number of deliveries at once and asks the others to come back.
 */
public final class ChektWebhooks {

    public static final String PATH = "/webhooks/chekt";

    private final URI endpoint;
    private final String secret;
    private final Supplier<Instant> clock;

    /**
     * @param serviceBaseUrl the service's root, e.g. {@code http://localhost:8080}
     * @param clock          the timestamps' clock: the engine's ({@link EngineTime#now}) for a service in this JVM
     */
    public ChektWebhooks(String serviceBaseUrl, String secret, Supplier<Instant> clock) {
        this.endpoint = URI.create(serviceBaseUrl + PATH);
        this.secret = secret;
        this.clock = clock;
    }

    /** With the test services' secret ({@link ServiceSettings#WEBHOOK_SECRET}) and the engine's clock. */
    public static ChektWebhooks to(int port) {
        return new ChektWebhooks("http://localhost:" + port, ServiceSettings.WEBHOOK_SECRET, EngineTime::now);
    }

    /** Delivers, and again after each 503's {@code Retry-After} (for two minutes at most): the last answer. */
    public HttpResponse<String> deliver(String body) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>(deliverOnce(body));
        if (answer.get().statusCode() == 503) {
            Duration retryAfter = Duration.ofSeconds(Long.parseLong(answer.get().headers().firstValue("Retry-After").orElse("1")));
            await().atMost(Duration.ofMinutes(2)).pollDelay(retryAfter).pollInterval(retryAfter).until(() -> {
                answer.set(deliverOnce(body));
                return answer.get().statusCode() != 503;
            });
        }
        return answer.get();
    }

    /** One signed delivery, answered as it is (a 503 included). */
    public HttpResponse<String> deliverOnce(String body) {
        return LocalHttp.send(signed(body, String.valueOf(clock.get().getEpochSecond())).build());
    }

    /** A delivery signed at {@code timestamp} (unix seconds as CHeKT writes them), to send as it is or spoil first. */
    public HttpRequest.Builder signed(String body, String timestamp) {
        return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-CHeKT-Timestamp", timestamp)
                .header("X-CHeKT-Signature", ChektSignature.of(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
