package com.centralstation.verification.app.respond;

import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.ChektWebhooks;
import com.centralstation.verification.app.testing.EngineTime;
import com.centralstation.verification.app.testing.LocalHttp;
import com.centralstation.verification.app.testing.LocalPorts;
import com.centralstation.verification.app.testing.ServiceSettings;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of the assembled service over real HTTP share, whatever the service's settings: the engine's
 * clock, CHeKT delivering a test alarm, the station's read API and the plumbing. Each subclass is one Spring context
 * with its own settings and its port fixed before start-up (Spring applies a superclass's
 * {@code @DynamicPropertySource} after a subclass's, so the settings stay with the subclass, not here).
 */
public abstract class ServiceOverHttp {

    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    protected final ObjectMapper json = new ObjectMapper();

    /** The port the service listens on. */
    protected abstract int port();

    // ---- time

    protected static Instant now() {
        return EngineTime.now();
    }

    /** Stops the engine's clock, so every timestamp the service writes from here on is known exactly. */
    protected static Instant freezeClock() {
        return EngineTime.freeze();
    }

    protected static void setClock(Instant instant) {
        EngineTime.set(instant);
    }

    protected static void advanceClock(Duration duration) {
        EngineTime.advance(duration);
    }

    // ---- CHeKT's side

    protected TestAlarm newAlarm() {
        return TestAlarm.fresh(now().minusSeconds(5));
    }

    /** Delivers the alarm as CHeKT would: signed with the engine's clock as timestamp. */
    protected void deliver(TestAlarm alarm) {
        HttpResponse<String> response = deliverWebhook(alarm.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    protected HttpResponse<String> deliverWebhook(String body) {
        return ChektWebhooks.to(port()).deliverOnce(body);
    }

    // ---- the station's read API

    protected boolean wasNotified(TestAlarm alarm, TestAlarm.TestContact contact) {
        for (JsonNode notified : verification(alarm.verificationId()).get("notified")) {
            if (notified.get("contact_id").asLong() == contact.contactId()) {
                return true;
            }
        }
        return false;
    }

    protected JsonNode verification(UUID verificationId) {
        HttpResponse<String> response = stationGet("/api/verifications/" + verificationId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected int contactsNotified(TestAlarm alarm) {
        return verification(alarm.verificationId()).get("contacts_notified").asInt();
    }

    /** The audit events of one type, oldest first. */
    protected List<JsonNode> timeline(TestAlarm alarm, String type) {
        List<JsonNode> events = new ArrayList<>();
        verification(alarm.verificationId()).get("timeline").forEach(event -> {
            if (event.get("type").asText().equals(type)) {
                events.add(event);
            }
        });
        return events;
    }

    /** A GET with the station's credentials. */
    protected HttpResponse<String> stationGet(String path) {
        return stationGet(path, "*/*");
    }

    /** A GET with the station's credentials, for the given media type. */
    protected HttpResponse<String> stationGet(String path, String accept) {
        return send(HttpRequest.newBuilder(local(path)).header("Accept", accept)
                .header("Authorization", BasicAuth.header(ServiceSettings.STATION_USER, ServiceSettings.STATION_PASSWORD)).GET().build());
    }

    /** One sample of the Prometheus scrape (with the metrics login), by its name and labels as printed; 0 when absent. */
    protected double scrapedValue(String sample) {
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(local("/actuator/prometheus"))
                .header("Authorization", BasicAuth.header(ServiceSettings.METRICS_USER, ServiceSettings.METRICS_PASSWORD))
                .GET().build());
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body().lines()
                .filter(line -> line.startsWith(sample + " "))
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).strip()))
                .findFirst().orElse(0.0);
    }

    // ---- plumbing

    protected URI local(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    protected HttpResponse<String> send(HttpRequest request) {
        return LocalHttp.send(request);
    }

    /** A port nobody listens on now, for a service that must know its own address before it starts. */
    protected static int freePort() {
        return LocalPorts.free();
    }
}
