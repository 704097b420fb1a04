package com.centralstation.verification.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** What the harness does over HTTP to the service (or the bare engine, which answers the same paths). */
final class Target {

    static final String STATION_USER = "station";
    static final String STATION_PASSWORD = "bench-station-password";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "bench-admin-password";
    static final String METRICS_USER = "metrics";
    static final String METRICS_PASSWORD = "bench-metrics-password";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;

    Target(HttpClient http, int port) {
        this.http = http;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    static HttpClient client() {
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every new connection.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    int deliver(Webhooks.Alarm alarm) throws IOException, InterruptedException {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return http.send(HttpRequest.newBuilder(uri("/webhooks/chekt")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-CHeKT-Timestamp", timestamp)
                .header("X-CHeKT-Signature", Webhooks.sign(timestamp, alarm.body()))
                .POST(HttpRequest.BodyPublishers.ofString(alarm.body())).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    int decide(UUID verificationId, long contactId) throws IOException, InterruptedException {
        String body = "{\"contact_id\":" + contactId + ",\"action\":\"dispatch\"}";
        return http.send(HttpRequest.newBuilder(uri("/api/verifications/" + verificationId + "/decisions"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(STATION_USER, STATION_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Jobs in the engine, through the engine REST API (the bare engine answers the same query). */
    long jobs(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/engine-rest/job/count?" + query))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(ADMIN_USER, ADMIN_PASSWORD)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("job count answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("count").asLong();
    }

    /** Async continuations waiting: zero once everything received so far has run to its next wait state. */
    long pendingContinuations() throws IOException, InterruptedException {
        return jobs("messages=true");
    }

    /**
     * Requests taken in and not started yet: the service's inbox ({@code verification_inbox_waiting}); the bare engine
     * starts on the request thread and has none (it answers no metrics).
     */
    long waitingInInbox() throws IOException, InterruptedException {
        HttpResponse<String> response = scrape(METRICS_USER, METRICS_PASSWORD);
        if (response.statusCode() == 401) {
            // a service jar from before the metrics login (--compare) opens its metrics to the station's login
            response = scrape(STATION_USER, STATION_PASSWORD);
        }
        if (response.statusCode() == 404) {
            return 0;
        }
        if (response.statusCode() != 200) {
            throw new IOException("metrics answered " + response.statusCode());
        }
        for (String line : response.body().split("\n")) {
            if (line.startsWith("verification_inbox_waiting ")) {
                return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        return 0;
    }

    private HttpResponse<String> scrape(String user, String password) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user, password)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Everything received so far started and run to its next wait state: the inbox first, then the jobs it made. */
    boolean drained() throws IOException, InterruptedException {
        return waitingInInbox() == 0 && pendingContinuations() == 0;
    }

    /** Waits for a condition, polling twice a second; returns false on timeout. */
    static boolean await(Duration timeout, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return true;
                }
            } catch (IOException transientFailure) {
                System.out.println("  poll failed: " + transientFailure.getMessage());
            }
            Thread.sleep(500);
        }
        return false;
    }

    interface Check {
        boolean holds() throws IOException, InterruptedException;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
