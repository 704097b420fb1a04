package com.centralstation.verification.app.voice;

import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole phone calls over real HTTP: the service places the call at Twilio's REST API (WireMock) with its exact
 * parameters, Twilio fetches the call's TwiML and posts the keys and the call's progress, signed, and the confirmed
 * key is the decision CHeKT receives, once. The engine's clock stands still, so no escalation timer fires: a contact
 * who is not reached is left for the next one at once, not at the next timer.
 */
class VoiceCallEndToEndTest extends VoiceCallServiceTest {

    @Autowired
    TaskService tasks;

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);

    @Test
    void oneThenOneSendsEmergencyServicesAndTheDecisionReachesChektOnce() {
        Instant now = freezeClock();
        TestAlarm alarm = newAlarm();
        String sid = TWILIO.expectCallTo(alarm.first().phone());

        deliver(alarm);
        VoiceProvider.PlacedCall call = awaitCall(alarm, alarm.first());

        String callbacks = "http://localhost:" + PORT + "/voice/calls/" + call.callId();
        TWILIO.api.verify(1, postRequestedFor(urlPathEqualTo(VoiceProvider.CALLS))
                .withBasicAuth(new BasicCredentials(VoiceProvider.ACCOUNT, VoiceProvider.AUTH_TOKEN))
                .withFormParam("To", equalTo(alarm.first().phone()))
                .withFormParam("From", equalTo(VoiceProvider.FROM))
                .withFormParam("Url", equalTo(callbacks + "/answer"))
                .withFormParam("StatusCallback", equalTo(callbacks + "/status"))
                .withFormParam("Timeout", equalTo("30"))
                .withFormParam("MachineDetection", equalTo("Enable")));
        assertThat(call.form().get("StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(call.callId()).doesNotContain(alarm.verificationId().toString()).matches("[A-Za-z0-9_-]{22}");
        List<String> progress = List.of("initiated", "ringing", "in-progress");
        for (int sequence = 0; sequence < progress.size(); sequence++) {
            assertThat(TWILIO.status(call, sid, progress.get(sequence), sequence, null).statusCode()).isEqualTo(204);
        }

        VoiceProvider.Twiml greeting = TWILIO.answer(call, sid, "human");
        assertThat(greeting.spoken()).contains("This is Northwind Monitoring", "site 1", "motion alarm",
                alarm.location(), "Press 1 to send emergency services", "Press 2 if it is a false alarm", "Press 9");
        assertThat(greeting.gather().orElseThrow().getAttribute("numDigits")).isEqualTo("1");
        assertThat(greeting.xml()).contains("language=\"en-US\"");
        assertThat(greeting.action()).isEqualTo(callbacks + "/menu/1");

        VoiceProvider.Twiml chosen = TWILIO.press(call, sid, greeting.action(), "1");
        assertThat(chosen.spoken()).contains("You chose to send emergency services", "Press 1 to confirm");
        assertThat(chosen.action()).isEqualTo(callbacks + "/confirm/dispatch/1");

        VoiceProvider.Twiml done = TWILIO.press(call, sid, chosen.action(), "1");
        assertThat(done.spoken()).contains("Your answer is recorded: emergency services are sent");
        assertThat(done.hangsUp()).isTrue();
        assertThat(TWILIO.status(call, sid, "completed", 3, "human").statusCode()).isEqualTo(204);

        await().atMost(PATIENCE).until(() -> !patchesFor(alarm).isEmpty());
        LoggedRequest patch = patchesFor(alarm).get(0);
        JsonNode body = readJson(patch.getBodyAsString());
        assertThat(body.get("contact_id").asLong()).isEqualTo(alarm.first().contactId());
        assertThat(body.get("action").asText()).isEqualTo("dispatch");
        assertThat(Instant.parse(body.get("responded_at").asText())).as("the moment of the confirming key").isEqualTo(now);
        await().atMost(PATIENCE).until(() -> verification(alarm.verificationId()).get("state").asText().equals("submitted"));
        assertThat(patchesFor(alarm)).hasSize(1);
        assertThat(TWILIO.callsTo(alarm.second().phone())).as("nobody else is called").isEmpty();

        JsonNode evidence = evidence(alarm.verificationId());
        assertThat(evidence.at("/decision/how").asText()).isEqualTo("phone_call");
        assertThat(evidence.at("/phone_calls/0/call_sid").asText()).isEqualTo(sid);
        assertThat(evidence.at("/phone_calls/0/keys").asText()).isEqualTo("menu:1 confirm-dispatch:1");
        assertThat(evidence.at("/phone_calls/0/outcome").asText()).isEqualTo("answered");
        assertThat(evidence.at("/phone_calls/0/answered_by").asText()).isEqualTo("human");
        assertThat(evidence.at("/phone_calls/0/duration_seconds").asInt()).isEqualTo(42);
        assertThat(evidence.at("/phone_calls/0/to").asText()).isEqualTo("•••" + alarm.first().phone().substring(alarm.first().phone().length() - 3));
        HttpResponse<String> page = stationGet("/api/verifications/" + alarm.verificationId() + "/evidence", "text/html");
        assertThat(page.body()).contains("<h2>Phone calls</h2>", sid, "menu:1 confirm-dispatch:1", "answered", "42 s")
                .doesNotContain(alarm.first().phone());
        assertThat(timeline(alarm, "call_progress")).hasSize(3);
        assertThat(timeline(alarm, "call_keys")).extracting(e -> e.at("/details/digits").asText()).containsExactly("1", "1");
        assertThat(timeline(alarm, "call_ended")).singleElement()
                .satisfies(e -> assertThat(e.at("/details/outcome").asText()).isEqualTo("answered"));
    }

    @Test
    void twoThenOneDisregards() {
        freezeClock();
        TestAlarm alarm = newAlarm();
        String sid = TWILIO.expectCallTo(alarm.first().phone());
        deliver(alarm);
        VoiceProvider.PlacedCall call = awaitCall(alarm, alarm.first());

        VoiceProvider.Twiml chosen = TWILIO.press(call, sid, TWILIO.answer(call, sid, "human").action(), "2");
        assertThat(chosen.spoken()).contains("You chose: this is a false alarm");
        VoiceProvider.Twiml done = TWILIO.press(call, sid, chosen.action(), "1");

        assertThat(done.spoken()).contains("it is a false alarm and nobody is sent");
        await().atMost(PATIENCE).until(() -> !patchesFor(alarm).isEmpty());
        assertThat(readJson(patchesFor(alarm).get(0).getBodyAsString()).get("action").asText()).isEqualTo("disregard");
    }

    @Test
    void nineRepeatsTheAlarmAndAWrongKeyAsksAgain() {
        freezeClock();
        TestAlarm alarm = newAlarm();
        String sid = TWILIO.expectCallTo(alarm.first().phone());
        deliver(alarm);
        VoiceProvider.PlacedCall call = awaitCall(alarm, alarm.first());
        VoiceProvider.Twiml greeting = TWILIO.answer(call, sid, "human");

        VoiceProvider.Twiml repeated = TWILIO.press(call, sid, greeting.action(), "9");
        VoiceProvider.Twiml wrongKey = TWILIO.press(call, sid, repeated.action(), "7");
        VoiceProvider.Twiml chosen = TWILIO.press(call, sid, wrongKey.action(), "1");
        VoiceProvider.Twiml backToMenu = TWILIO.press(call, sid, chosen.action(), "3");

        assertThat(repeated.says()).isEqualTo(greeting.says());
        assertThat(repeated.action()).isEqualTo(greeting.action());
        assertThat(wrongKey.spoken()).startsWith("That key is not one of the choices.").contains("Press 1 to send emergency services");
        assertThat(wrongKey.action()).endsWith("/menu/1");
        assertThat(backToMenu.spoken()).startsWith("Let us choose again.");
        assertThat(backToMenu.action()).endsWith("/menu/1");
        assertThat(patchesFor(alarm)).isEmpty();
        assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("open");
    }

    @Test
    void noKeyAfterTwoPromptsEndsTheCallAndTheNextContactIsCalledAtOnce() {
        freezeClock();
        TestAlarm alarm = newAlarm();
        String sid = TWILIO.expectCallTo(alarm.first().phone());
        deliver(alarm);
        VoiceProvider.PlacedCall call = awaitCall(alarm, alarm.first());

        VoiceProvider.Twiml again = TWILIO.press(call, sid, TWILIO.answer(call, sid, "human").action(), "");
        assertThat(again.spoken()).startsWith("We did not hear a key.");
        assertThat(again.action()).endsWith("/menu/2");
        VoiceProvider.Twiml goodbye = TWILIO.press(call, sid, again.action(), "");
        assertThat(goodbye.gather()).isEmpty();
        assertThat(goodbye.hangsUp()).isTrue();
        assertThat(goodbye.spoken()).contains("the station will call the next contact. Goodbye.");
        TWILIO.status(call, sid, "completed", 3, "human");

        await().atMost(WITHIN_SECONDS).until(() -> !TWILIO.callsTo(alarm.second().phone()).isEmpty());
        assertThat(timeline(alarm, "call_ended")).singleElement().satisfies(ended -> {
            assertThat(ended.at("/details/outcome").asText()).isEqualTo("no-confirmed-key");
            assertThat(ended.at("/details/keys").asText()).isEqualTo("menu:- menu:-");
        });
        await().atMost(PATIENCE).until(() -> escalationSteps(alarm).contains("undelivered"));
    }

    @Test
    void aVoicemailMovesToTheNextContactWithinSeconds() {
        freezeClock();
        TestAlarm alarm = newAlarm();
        String sid = TWILIO.expectCallTo(alarm.first().phone());
        deliver(alarm);
        VoiceProvider.PlacedCall call = awaitCall(alarm, alarm.first());

        VoiceProvider.Twiml machine = TWILIO.answer(call, sid, "machine_end_beep");
        assertThat(machine.says()).as("nothing about the alarm is left on a voicemail").isEmpty();
        assertThat(machine.hangsUp()).isTrue();
        TWILIO.status(call, sid, "completed", 3, "machine_end_beep");

        await().atMost(WITHIN_SECONDS).until(() -> !TWILIO.callsTo(alarm.second().phone()).isEmpty());
        assertThat(timeline(alarm, "call_ended").get(0).at("/details/outcome").asText()).isEqualTo("machine");
    }

    @Test
    void aBusyNumberMovesToTheNextContactWithinSecondsAndIsCounted() {
        freezeClock();
        double busyBefore = scrapedValue("verification_voice_calls_total{outcome=\"busy\"}");
        TestAlarm alarm = newAlarm();
        String sid = TWILIO.expectCallTo(alarm.first().phone());
        deliver(alarm);
        VoiceProvider.PlacedCall call = awaitCall(alarm, alarm.first());

        TWILIO.status(call, sid, "ringing", 1, null);
        assertThat(TWILIO.status(call, sid, "busy", 2, null).statusCode()).isEqualTo(204);

        await().atMost(WITHIN_SECONDS).until(() -> !TWILIO.callsTo(alarm.second().phone()).isEmpty());
        assertThat(timeline(alarm, "call_ended").get(0).at("/details/nextStep").asText()).isEqualTo("policy asked at once");
        assertThat(scrapedValue("verification_voice_calls_total{outcome=\"busy\"}")).isEqualTo(busyBefore + 1);
    }

    @Test
    void aProviderThatRefusesOurCredentialsIsAChannelDownAndAnOperatorTakesOverAtOnce() {
        freezeClock();
        TestAlarm alarm = newAlarm();
        TWILIO.api.stubFor(post(urlPathEqualTo(VoiceProvider.CALLS)).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}")));

        deliver(alarm);

        await().atMost(WITHIN_SECONDS).until(() -> !operatorTasks(alarm).isEmpty());
        assertThat(timeline(alarm, "channel_down")).singleElement().satisfies(down -> {
            assertThat(down.at("/details/channel").asText()).isEqualTo("voice");
            assertThat(down.at("/details/reason").asText()).contains("voice provider answered HTTP 401", "20003");
        });
        assertThat(timeline(alarm, "operator_alerted")).isNotEmpty();
    }

    @Test
    void aProviderThatKeepsFailingIsRetriedByTheEngineThenCountsAsDown() {
        Instant start = freezeClock();
        TestAlarm alarm = newAlarm();
        TWILIO.api.stubFor(post(urlPathEqualTo(VoiceProvider.CALLS)).atPriority(1).willReturn(aResponse().withStatus(503)));

        deliver(alarm);
        await().atMost(PATIENCE).until(() -> TWILIO.callsTo(alarm.first().phone()).size() == 1);
        // The notification job's retry cycle is PT5S, PT15S: move the engine's clock to each retry.
        await().atMost(PATIENCE).until(() -> timeline(alarm, "notification_failed").size() == 1);
        ClockUtil.setCurrentTime(Date.from(start.plusSeconds(5)));
        await().atMost(PATIENCE).until(() -> TWILIO.callsTo(alarm.first().phone()).size() == 2);
        await().atMost(PATIENCE).until(() -> timeline(alarm, "notification_failed").size() == 2);
        ClockUtil.setCurrentTime(Date.from(start.plusSeconds(20)));

        await().atMost(PATIENCE).until(() -> !operatorTasks(alarm).isEmpty());
        assertThat(TWILIO.callsTo(alarm.first().phone())).hasSize(3);
        assertThat(timeline(alarm, "notification_failed")).extracting(e -> e.at("/details/permanent").asText())
                .containsExactly("false", "false", "true");
        assertThat(timeline(alarm, "channel_down")).singleElement()
                .satisfies(down -> assertThat(down.at("/details/reason").asText()).contains("HTTP 503", "3 failed attempts"));
    }

    @Test
    void aDuplicateOrOutOfOrderStatusCallbackChangesNothing() {
        freezeClock();
        TestAlarm alarm = newAlarm();
        String sid = TWILIO.expectCallTo(alarm.first().phone());
        deliver(alarm);
        VoiceProvider.PlacedCall call = awaitCall(alarm, alarm.first());
        TWILIO.status(call, sid, "ringing", 1, null);
        TWILIO.status(call, sid, "in-progress", 2, "human");
        TWILIO.status(call, sid, "no-answer", 3, null);
        await().atMost(WITHIN_SECONDS).until(() -> !TWILIO.callsTo(alarm.second().phone()).isEmpty());
        awaitCall(alarm, alarm.second());
        List<JsonNode> timelineBefore = listOf(verification(alarm.verificationId()).get("timeline"));

        assertThat(TWILIO.status(call, sid, "no-answer", 3, null).statusCode()).as("repeated").isEqualTo(204);
        assertThat(TWILIO.status(call, sid, "ringing", 1, null).statusCode()).as("late").isEqualTo(204);
        assertThat(TWILIO.status(call, sid, "completed", 2, "human").statusCode()).as("out of order").isEqualTo(204);

        assertThat(listOf(verification(alarm.verificationId()).get("timeline"))).isEqualTo(timelineBefore);
        assertThat(TWILIO.callsTo(alarm.second().phone())).as("the next contact is called once").hasSize(1);
        assertThat(TWILIO.callsTo(alarm.third().phone())).isEmpty();
        assertThat(evidence(alarm.verificationId()).at("/phone_calls/0/outcome").asText()).isEqualTo("no-answer");
    }

    @Test
    void aContactWhoAnswersAfterAnotherDecidedHearsWhatWasDecidedAndChektGetsOnePatch() {
        freezeClock();
        TestAlarm alarm = newAlarm();
        String annSid = TWILIO.expectCallTo(alarm.first().phone());
        String benSid = TWILIO.expectCallTo(alarm.second().phone());
        deliver(alarm);
        VoiceProvider.PlacedCall annsCall = awaitCall(alarm, alarm.first());
        VoiceProvider.Twiml annChose = TWILIO.press(annsCall, annSid, TWILIO.answer(annsCall, annSid, "human").action(), "2");
        TWILIO.status(annsCall, annSid, "busy", 1, null);
        // Ann's call is over for the station (busy came first, out of order with her keys): Ben is called at once.
        VoiceProvider.PlacedCall bensCall = awaitCall(alarm, alarm.second());
        VoiceProvider.Twiml benChose = TWILIO.press(bensCall, benSid, TWILIO.answer(bensCall, benSid, "human").action(), "1");
        assertThat(TWILIO.press(bensCall, benSid, benChose.action(), "1").spoken()).contains("Your answer is recorded");

        VoiceProvider.Twiml late = TWILIO.press(annsCall, annSid, annChose.action(), "1");

        assertThat(late.spoken()).contains("Another contact has already answered this alarm: emergency services are sent")
                .doesNotContain(alarm.second().firstName(), alarm.second().lastName(), alarm.second().phone());
        await().atMost(PATIENCE).until(() -> verification(alarm.verificationId()).get("state").asText().equals("submitted"));
        assertThat(patchesFor(alarm)).singleElement().satisfies(patch -> assertThat(readJson(patch.getBodyAsString())
                .get("contact_id").asLong()).isEqualTo(alarm.second().contactId()));
    }

    @Test
    void anUnsignedOrForgedCallbackIsRefusedAndChangesNothing() {
        freezeClock();
        TestAlarm alarm = newAlarm();
        String sid = TWILIO.expectCallTo(alarm.first().phone());
        deliver(alarm);
        VoiceProvider.PlacedCall call = awaitCall(alarm, alarm.first());
        Map<String, String> busy = Map.of("CallSid", sid, "CallStatus", "busy", "SequenceNumber", "1",
                "AccountSid", VoiceProvider.ACCOUNT);

        List<HttpResponse<String>> refused = List.of(
                TWILIO.postForm(call.statusCallback(), busy, null),
                TWILIO.postForm(call.statusCallback(), busy, VoiceProvider.sign("another-token", call.statusCallback(), busy)),
                TWILIO.postForm(call.statusCallback(), busy, VoiceProvider.sign(VoiceProvider.AUTH_TOKEN, call.url(), busy)),
                TWILIO.postForm(call.statusCallback(), busy, VoiceProvider.sign(VoiceProvider.AUTH_TOKEN,
                        call.statusCallback().replace("localhost", "127.0.0.1"), busy)),
                TWILIO.postForm(call.url(), Map.of("CallSid", sid, "Digits", "1"), "kqbikXTCA4ZIa94GD9Tgo3940c0="),
                TWILIO.postForm(local("/voice/calls/" + call.callId() + "/other").toString(), busy, VoiceProvider.sign(
                        VoiceProvider.AUTH_TOKEN, local("/voice/calls/" + call.callId() + "/other").toString(), busy)));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(readJson(response.body()).get("field").asText()).isEqualTo("X-Twilio-Signature");
        });
        assertThat(send(HttpRequest.newBuilder(local("/voice/calls/" + call.callId() + "/answer")).GET().build())
                .statusCode()).isEqualTo(403);
        assertThat(timeline(alarm, "call_progress")).isEmpty();
        assertThat(timeline(alarm, "call_ended")).isEmpty();
        assertThat(evidence(alarm.verificationId()).at("/phone_calls/0/statuses")).isEmpty();
        assertThat(TWILIO.callsTo(alarm.second().phone())).isEmpty();
    }

    @Test
    void signedCallbacksWithBadInputAreProblemsNotFailures() {
        freezeClock();
        TestAlarm alarm = newAlarm();
        String sid = TWILIO.expectCallTo(alarm.first().phone());
        deliver(alarm);
        VoiceProvider.PlacedCall call = awaitCall(alarm, alarm.first());
        String unknownCall = local("/voice/calls/AAAAAAAAAAAAAAAAAAAAAA/answer").toString();

        HttpResponse<String> unknownStatus = TWILIO.signedPost(call.statusCallback(), Map.of("CallSid", sid, "CallStatus", "ringing-ish"));
        HttpResponse<String> noSid = TWILIO.signedPost(call.statusCallback(), Map.of("CallStatus", "busy"));
        HttpResponse<String> noSuchCall = TWILIO.signedPost(unknownCall, Map.of("CallSid", sid));
        HttpResponse<String> anotherCallsSid = TWILIO.signedPost(call.url(), Map.of("CallSid", "CAnotthiscall"));

        assertThat(unknownStatus.statusCode()).isEqualTo(400);
        assertThat(readJson(unknownStatus.body()).get("field").asText()).isEqualTo("CallStatus");
        assertThat(noSid.statusCode()).isEqualTo(400);
        assertThat(readJson(noSid.body()).get("field").asText()).isEqualTo("CallSid");
        assertThat(noSuchCall.statusCode()).isEqualTo(404);
        assertThat(anotherCallsSid.statusCode()).isEqualTo(404);
        assertThat(List.of(unknownStatus, noSid, noSuchCall, anotherCallsSid)).allSatisfy(response -> assertThat(
                response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json"));
    }

    @Test
    void aContactWithoutAPhoneNumberIsSkippedAtOnceWithTheReason() {
        Instant start = freezeClock();
        TestAlarm fresh = newAlarm();
        TestAlarm alarm = fresh.withContact(0, fresh.first().withoutPhone());

        deliver(alarm);

        awaitCall(alarm, alarm.second());
        assertThat(timeline(alarm, "notification_failed")).singleElement().satisfies(failed -> {
            assertThat(failed.at("/details/contactId").asLong()).isEqualTo(alarm.first().contactId());
            assertThat(failed.at("/details/outcome").asText()).isEqualTo("unreachable");
            assertThat(failed.at("/details/reason").asText()).isEqualTo("no enabled channel (voice) has an address for this contact");
        });
        assertThat(Instant.parse(timeline(alarm, "contact_notified").get(0).get("at").asText())).isEqualTo(start);
    }

    private List<Task> operatorTasks(TestAlarm alarm) {
        return tasks.createTaskQuery().processInstanceBusinessKey(alarm.verificationId().toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_REVIEW).list();
    }

    private List<String> escalationSteps(TestAlarm alarm) {
        return timeline(alarm, "escalated").stream().map(e -> e.at("/details/step").asText()).toList();
    }

    private static List<JsonNode> listOf(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }
}
