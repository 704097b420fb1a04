package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.JobExecutorQuiet;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over HTTP, on the assembled service: deliveries with cosmetic defects are taken and decided, a signed delivery
 * that cannot be used is refused and kept in the quarantine, and a cancellation that overtakes its request
 * leaves the request cancelled with nobody called.
 */
class LosslessIntakeEndToEndTest extends ServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HistoryService history;

    @Autowired
    ManagementService management;

    @Test
    void aBlankEmailAndLastNameAreTakenAndTheAlarmIsDecided() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        takenAndDecided(alarm, alarm.body().replace("\"last_name\":\"Lee\",", "\"last_name\":\"\",")
                .replace("\"email\":\"ann@example.com\"", "\"email\":\"\""));

        JsonNode ann = verification(alarm.verificationId()).get("call_list").get(0);
        assertThat(ann.path("email").isMissingNode() || ann.path("email").isNull()).isTrue();
    }

    @Test
    void aSixThousandCharacterLocationIsCutTheRawBodyKeptAndTheAlarmDecided() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        String body = alarm.body().replace("\"location\":\"Main Entrance\"", "\"location\":\"" + "L".repeat(6000) + "\"");
        takenAndDecided(alarm, body);

        assertThat(verification(alarm.verificationId()).get("alarm").get("location").asText()).hasSize(1000);
        byte[] kept = jdbc.queryForObject("SELECT body FROM webhook_delivery WHERE verification_id = ?", byte[].class,
                alarm.verificationId());
        assertThat(new String(kept, StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(timelineTypes(alarm.verificationId())).contains("request_repaired");
    }

    @Test
    void aContactListedTwiceIsKeptOnceAndTheAlarmDecided() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        takenAndDecided(alarm, alarm.body().replace("\"contact_id\":67891", "\"contact_id\":67890"));

        JsonNode callList = verification(alarm.verificationId()).get("call_list");
        assertThat(callList).extracting(contact -> contact.get("contact_id").asLong()).containsExactly(67890L, 67892L);
    }

    @Test
    void aSignedUnusableDeliveryIs400KeptInTheQuarantineListedAndCounted() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        String body = alarm.body().replace(alarm.verificationId().toString(), "not-a-uuid");

        HttpResponse<String> response = deliverWebhook(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("field").asText()).isEqualTo("data.verification_id");
        JsonNode listed = json.readTree(get("/api/webhooks/refused?limit=1000").body());
        JsonNode entry = null;
        for (JsonNode refused : listed.get("refused")) {
            if (body.equals(refused.path("body").asText())) {
                entry = refused;
            }
        }
        assertThat(entry).as("the refused delivery in the quarantine").isNotNull();
        assertThat(entry.get("reason").asText()).isEqualTo("required_field");
        assertThat(entry.get("field").asText()).isEqualTo("data.verification_id");
        String timestamp = entry.get("headers").get("X-CHeKT-Timestamp").asText();
        assertThat(entry.get("headers").get("X-CHeKT-Signature").asText()).isEqualTo(sign(timestamp, body));
        assertThat(listed.get("retention").asText()).isEqualTo("PT168H");
        assertThat(http.send(metrics(HttpRequest.newBuilder(uri("/actuator/prometheus"))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).containsPattern("chekt_webhooks_refused_total\\{reason=\"required_field\"} [1-9]");
    }

    @Test
    void theQuarantineNeedsTheStationsCredentialsAndRefusesABadLimitAsAProblem() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/webhooks/refused")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> badLimit = get("/api/webhooks/refused?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(badLimit.body()).get("field").asText()).isEqualTo("limit");
    }

    @Test
    void aVerificationCancelledBeforeItsRequestIsStoredCancelledAndCallsNobody() throws Exception {
        cancelThenRequest("verification.cancelled");
    }

    @Test
    void anAlarmResolvedBeforeItsRequestIsStoredCancelledAndCallsNobody() throws Exception {
        cancelThenRequest("alarm.resolved");
    }

    @Test
    void aCancellationAfterItsRequestCancelsTheRunningVerification() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        // running: started from the inbox (a cancellation of a request still waiting there is InboxEndToEndTest's)
        await().atMost(Duration.ofSeconds(30)).until(() -> "open".equals(verification(alarm.verificationId()).get("state").asText()));
        HttpResponse<String> cancelled = deliverWebhook(alarm.cancellation("verification.cancelled"));

        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(json.readTree(cancelled.body()).get("result").asText()).isEqualTo("accepted");
        assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("cancelled");
        assertThat(tombstones(alarm.verificationId())).isZero();
    }

    @Test
    void requestsAndCancellationsArrivingTogetherAllEndCancelledWithNothingSentToChekt() throws Exception {
        List<TestAlarm> alarms = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TestAlarm alarm = TestAlarm.onContractSite("motion");
            alarms.add(alarm);
            CyclicBarrier together = new CyclicBarrier(2);
            answers.add(CompletableFuture.supplyAsync(() -> deliverAt(together, alarm.cancellation("verification.cancelled"))));
            answers.add(CompletableFuture.supplyAsync(() -> deliverAt(together, alarm.body())));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isBetween(200, 202);
        }

        int cancelledBeforeArrival = 0;
        int notifiedAfterRequestWon = 0;
        for (TestAlarm alarm : alarms) {
            assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("cancelled");
            // A contact's decision arriving now must not reach CHeKT either: it is refused, and no job sends it later.
            assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"dispatch\"}").statusCode())
                    .isEqualTo(409);
            var instance = history.createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(alarm.verificationId().toString()).singleResult();
            if (instance != null) {
                JobExecutorQuiet.awaitNoDueJobs(management, instance.getId());
            }
            if (instance == null) {
                // The cancellation's tombstone came first: no process, so nobody can ever be called.
                cancelledBeforeArrival++;
                assertThat(contactsNotified(alarm.verificationId())).isZero();
            } else {
                // The request came first and was cancelled the ordinary way, racing its first notification.
                notifiedAfterRequestWon += contactsNotified(alarm.verificationId());
            }
            CHEKT.verify(0, patchRequestedFor(urlEqualTo(alarm.patchPath())));
        }
        System.out.printf("concurrent cancel/request: %d of %d requests found the tombstone first; %d contacts notified "
                + "where the request came first%n", cancelledBeforeArrival, alarms.size(), notifiedAfterRequestWon);
    }

    private void cancelThenRequest(String cancellation) throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");

        HttpResponse<String> remembered = deliverWebhook(alarm.cancellation(cancellation));
        assertThat(remembered.statusCode()).isEqualTo(202);
        assertThat(json.readTree(remembered.body()).get("result").asText()).isEqualTo("remembered");

        HttpResponse<String> request = deliverWebhook(alarm.body());
        assertThat(request.statusCode()).isEqualTo(200);
        assertThat(json.readTree(request.body()).get("result").asText()).isEqualTo("already_cancelled");

        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("cancelled");
        assertThat(view.get("contacts_notified").asInt()).isZero();
        assertThat(timelineTypes(alarm.verificationId())).containsExactly("verification_received", "cancelled");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(alarm.verificationId().toString())
                .count()).as("process instances ever started").isZero();
        assertThat(deliverWebhook(alarm.body()).statusCode()).as("a redelivery").isEqualTo(200);
    }

    private void takenAndDecided(TestAlarm alarm, String body) throws Exception {
        HttpResponse<String> taken = deliverWebhook(body);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);

        assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"dispatch\"}").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));
        CHEKT.verify(1, patchRequestedFor(urlEqualTo(alarm.patchPath())));
    }

    private HttpResponse<String> deliverAt(CyclicBarrier barrier, String body) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
            return deliverWebhook(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(station(HttpRequest.newBuilder(uri(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> timelineTypes(UUID verificationId) throws Exception {
        List<String> types = new ArrayList<>();
        verification(verificationId).get("timeline").forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    private int tombstones(UUID verificationId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM verification_signal WHERE verification_id = ? AND first_signal <> ?",
                Integer.class, verificationId, "verification.requested");
    }
}
