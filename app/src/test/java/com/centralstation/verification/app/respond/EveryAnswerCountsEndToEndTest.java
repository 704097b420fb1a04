package com.centralstation.verification.app.respond;

import com.centralstation.verification.app.respond.ContactPhone.Page;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every answer counts: a contact who answers through their link the moment the message arrives is heard, whatever the
 * gateway or the notification's job does meanwhile, and no contact gets a second link for one notification.
 *
 * <p>The gateway that takes the message and answers after the read timeout (5 s) is WireMock with a fixed delay. The
 * service "killed between send and commit" is played in this JVM: {@link LostNotificationJobs} throws right after the
 * message left, so the job's transaction rolls back exactly as a kill at that moment would lose it, and the engine runs
 * the job again. (The process-level kill is {@code RestartSafetyIT}'s ground.)
 */
class EveryAnswerCountsEndToEndTest extends ContactChannelServiceTest {

    /** Longer than the read timeout (verification.notification.read-timeout, 5 s): the gateway took it, we never hear. */
    private static final int GATEWAY_SILENCE_MILLIS = 6_500;

    private final ContactPhone phone = new ContactPhone();

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Test
    void aDispatchSentWhileTheGatewayIsStillSilentIsAcceptedReachesChektOnceAndTheContactGetsOneLink() {
        TestAlarm fresh = newAlarm();
        TestAlarm alarm = fresh.withContact(0, fresh.first().withoutEmail());
        TestAlarm.TestContact ann = alarm.first();
        SMS_GATEWAY.stubFor(post(urlPathEqualTo(SMS_MESSAGES)).atPriority(1)
                .withRequestBody(containing("To=" + URLEncoder.encode(ann.phone(), StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SMslow\",\"status\":\"queued\"}").withFixedDelay(GATEWAY_SILENCE_MILLIS)));

        deliver(alarm);
        URI link = awaitResponseLink(alarm, ann);

        assertThat(notifiedDelivery(alarm)).as("the gateway has not answered yet").isEqualTo("sending");
        Page confirmation = phone.open(URI.create(link + "/dispatch"));
        assertThat(confirmation.status()).isEqualTo(200);
        Page accepted = phone.confirm(confirmation);

        assertThat(accepted.status()).as(accepted.html()).isEqualTo(200);
        assertThat(accepted.html()).contains("data-page=\"ACCEPTED\"");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));
        assertThat(patchesFor(alarm)).as("CHeKT got the dispatch once").hasSize(1);
        assertThat(smsTo(ann)).as("one message, one link").hasSize(1);
        assertThat(notifiedDelivery(alarm)).isEqualTo("unconfirmed");
        assertThat(timeline(alarm, "contact_notified")).singleElement().satisfies(notified -> {
            assertThat(notified.at("/details/delivery").asText()).isEqualTo("unconfirmed");
            assertThat(notified.at("/details/channel").asText()).isEqualTo("sms");
            assertThat(notified.at("/details/reason").asText()).contains("SMS gateway did not answer");
        });
        assertThat(timeline(alarm, "notification_failed")).isEmpty();
        assertThat(timeline(alarm, "decision_refused")).isEmpty();
        JsonNode evidence = evidence(alarm);
        assertThat(evidence.at("/contacts_notified/0/delivery").asText()).isEqualTo("unconfirmed");
        assertThat(evidence.get("notification_attempts")).singleElement()
                .satisfies(attempt -> assertThat(attempt.get("outcome").asText()).isEqualTo("unconfirmed"));
    }

    @Test
    void aNotificationJobLostBetweenItsSendAndItsCommitSendsNoSecondLinkAndTheDispatchSentMeanwhileIsTakenOnce()
            throws Exception {
        TestAlarm alarm = newAlarm();
        TestAlarm.TestContact ann = alarm.first();
        LostNotificationJobs.loseTheNextJobAfterItsSend();
        freezeClock();

        deliver(alarm);
        URI link = awaitResponseLink(alarm, ann);
        Job retry = awaitRetryScheduled(alarm);

        // The job is lost and waits for its retry; the contact answers at once through the link they have.
        Page confirmation = phone.open(URI.create(link + "/dispatch"));
        assertThat(confirmation.status()).isEqualTo(200);
        CompletableFuture<Page> answered = CompletableFuture.supplyAsync(() -> phone.confirm(confirmation));
        setClock(retry.getDuedate().toInstant());
        Page accepted = answered.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(accepted.status()).as(accepted.html()).isEqualTo(200);
        assertThat(accepted.html()).contains("data-page=\"ACCEPTED\"");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));
        assertThat(patchesFor(alarm)).as("CHeKT got the dispatch once").hasSize(1);
        assertThat(smsTo(ann)).as("the retry sent no second message").hasSize(1);
        assertThat(notifiedDelivery(alarm)).as("the gateway's answer is in the notification log")
                .isEqualTo("delivered");
        assertThat(timeline(alarm, "contact_notified")).singleElement()
                .satisfies(notified -> assertThat(notified.at("/details/delivery").asText()).isEqualTo("delivered"));
        assertThat(timeline(alarm, "decision_refused")).isEmpty();
    }

    private String notifiedDelivery(TestAlarm alarm) {
        return verification(alarm.verificationId()).at("/notified/0/delivery").asText();
    }

    private JsonNode evidence(TestAlarm alarm) {
        HttpResponse<String> response = stationGet("/api/verifications/" + alarm.verificationId() + "/evidence");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lost notification job, once the engine has rescheduled it after the clock's current time. */
    private Job awaitRetryScheduled(TestAlarm alarm) {
        return await().atMost(PATIENCE).until(() -> Optional.ofNullable(runtime.createProcessInstanceQuery()
                                .processInstanceBusinessKey(alarm.verificationId().toString()).singleResult())
                        .flatMap(process -> management.createJobQuery().processInstanceId(process.getId()).withException()
                                .list().stream().filter(job -> job.getDuedate() != null
                                        && job.getDuedate().toInstant().isAfter(now())).findFirst()),
                Optional::isPresent).orElseThrow();
    }
}
