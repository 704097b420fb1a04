package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.usecase.StartReceivedVerifications;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox, with this node's starter held so requests wait and the test starts them. A request delivered again, under
 * its event id or another, while it waits and after it started, is a duplicate and starts once. A cancellation of a
 * waiting request ends it cancelled without a process. A request the engine refuses to start ends in the quarantine, counted
 * and listed, and holds back nothing behind it. (The 300-alarm storm, started exactly once and in class order, is
 * {@link InboxStormIT}.)
 */
class InboxEndToEndTest extends HeldStarterServiceTest {

    @Autowired
    StartReceivedVerifications starts;

    @Autowired
    HistoryService history;

    @Autowired
    RepositoryService repository;

    @Test
    void aRequestDeliveredAgainWhileItWaitsAndAfterItStartedIsADuplicateAndStartsOnce() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);

        HttpResponse<String> sameEvent = deliverWebhook(alarm.body());
        HttpResponse<String> otherEvent = deliverWebhook(alarm.body().replace(alarm.eventId(), "evt_" + UUID.randomUUID()));
        assertThat(List.of(sameEvent, otherEvent)).as("the same event again, the same verification under another event id")
                .allSatisfy(answer -> {
                    assertThat(answer.statusCode()).isEqualTo(200);
                    assertThat(json.readTree(answer.body()).get("result").asText()).isEqualTo("duplicate");
                });
        assertThat(waiting()).as("one request waiting").isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            starts.startNext();
            return waiting() == 0;
        });
        HttpResponse<String> afterStart = deliverWebhook(alarm.body().replace(alarm.eventId(), "evt_" + UUID.randomUUID()));
        assertThat(afterStart.statusCode()).isEqualTo(200);
        assertThat(json.readTree(afterStart.body()).get("result").asText()).isEqualTo("duplicate");

        await().atMost(Duration.ofSeconds(60)).until(() -> contactsNotified(alarm.verificationId()) == 1);
        assertThat(verification(alarm.verificationId()).get("timeline").findValuesAsText("type"))
                .containsOnlyOnce("verification_received", "contact_notified");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(alarm.verificationId().toString())
                .count()).as("process instances ever started").isEqualTo(1);
    }

    @Test
    void aCancellationOfARequestStillWaitingIsRememberedAndTheRequestEndsCancelledWithoutAProcess() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("received");

        HttpResponse<String> cancelled = deliverWebhook(alarm.cancellation("alarm.resolved"));
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(json.readTree(cancelled.body()).get("result").asText()).isEqualTo("remembered");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            starts.startNext();
            return waiting() == 0;
        });

        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("cancelled");
        assertThat(view.get("contacts_notified").asInt()).isZero();
        assertThat(view.get("timeline").findValuesAsText("type")).containsExactly("verification_received", "cancelled");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(alarm.verificationId().toString())
                .count()).as("process instances ever started").isZero();
    }

    @Test
    void aRequestTheEngineRefusesToStartIsQuarantinedCountedAndListedAndTheRequestsBehindItStart() throws Exception {
        // an analyst deployed a version whose start fails for alarms with trigger "poison" (an unknown variable)
        BpmnModelInstance refusesPoison = Bpmn.createExecutableProcess(AlarmVerificationModel.PROCESS_KEY)
                .camundaHistoryTimeToLive(30)
                .startEvent()
                .exclusiveGateway()
                .condition("poison", "${trigger == 'poison' && noSuchVariable}").endEvent()
                .moveToLastGateway()
                .condition("anything else", "${trigger != 'poison'}").endEvent()
                .done();
        String deployment = repository.createDeployment().name("refuses poison")
                .addModelInstance("refuses-poison.bpmn", refusesPoison).deploy().getId();
        try {
            TestAlarm poison = TestAlarm.onContractSite("poison");
            TestAlarm behind = TestAlarm.onContractSite("motion");
            assertThat(deliverWebhook(poison.body()).statusCode()).isEqualTo(202);
            assertThat(deliverWebhook(behind.body()).statusCode()).isEqualTo(202);
            List<UUID> quarantined = new ArrayList<>();
            List<UUID> started = new ArrayList<>();

            for (int attempt = 1; attempt <= 3; attempt++) {
                StartReceivedVerifications.Batch batch = starts.startNext();
                started.addAll(batch.started());
                quarantined.addAll(batch.quarantined());
            }

            assertThat(started).as("the request behind it, in the first round").containsExactly(behind.verificationId());
            assertThat(quarantined).containsExactly(poison.verificationId());
            assertThat(waiting()).isZero();
            assertThat(verification(poison.verificationId())).as("no verification was stored for it").isNull();
            JsonNode refused = null;
            for (JsonNode entry : json.readTree(http.send(station(HttpRequest.newBuilder(uri("/api/webhooks/refused?limit=1000")))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).get("refused")) {
                if (poison.body().equals(entry.path("body").asText())) {
                    refused = entry;
                }
            }
            assertThat(refused).as("the poison delivery in the quarantine").isNotNull();
            assertThat(refused.get("reason").asText()).isEqualTo("unstartable");
            assertThat(refused.get("detail").asText()).contains(poison.verificationId().toString()).contains("3 attempts")
                    .contains("noSuchVariable");
            assertThat(http.send(metrics(HttpRequest.newBuilder(uri("/actuator/prometheus"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body())
                    .containsPattern("chekt_webhooks_refused_total\\{reason=\"unstartable\"} [1-9]");
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }
}
