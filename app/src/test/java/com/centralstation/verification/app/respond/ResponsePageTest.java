package com.centralstation.verification.app.respond;

import com.centralstation.verification.app.respond.ContactPhone.Page;
import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.HttpCookie;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every state of the response page over real HTTP, as a phone's browser meets it: the link from the SMS, the
 * confirmation, the CSRF-protected answer, and each way a link can no longer take one.
 */
class ResponsePageTest extends ContactChannelServiceTest {

    private static final DateTimeFormatter SHOWN_TIME =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss zzz", Locale.ENGLISH).withZone(ZoneId.of("UTC"));

    private final ContactPhone phone = new ContactPhone();

    @Test
    void theLinkInTheSmsShowsTheAlarmToItsContactAndNothingAboutAnyoneElse() {
        TestAlarm alarm = newAlarm();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());
        assertThat(link.toString()).startsWith("http://localhost:" + PORT + "/respond/");
        String token = token(link);

        Page page = phone.open(link);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.html()).contains(
                "Motion</span> at <span>" + alarm.location(),
                "Ann, is this alarm real?",
                "<dd id=\"site\">12345/1</dd>",
                "<dd id=\"location\">" + alarm.location() + "</dd>",
                "<dd id=\"trigger\">Motion</dd>",
                "<dd id=\"time\">" + SHOWN_TIME.format(alarm.occurredAt()) + "</dd>",
                "<dd id=\"priority\">HIGH</dd>",
                "id=\"snapshot\" src=\"" + alarm.snapshotUrl() + "\"",
                "id=\"dispatch\" class=\"button dispatch\" href=\"/respond/" + token + "/dispatch\"",
                "id=\"disregard\" class=\"button disregard\" href=\"/respond/" + token + "/disregard\"");
        assertNothingAboutOthers(page, alarm, alarm.first());
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "img-src 'self' https: data:",
                "form-action 'self'");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.response().headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
        assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("open");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dispatch", "disregard"})
    void eachButtonLeadsToAConfirmationWithACsrfProtectedFormAndLookingDecidesNothing(String action) {
        TestAlarm alarm = newAlarm();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());

        Page confirmation = phone.open(URI.create(link + "/" + action));

        assertThat(confirmation.status()).isEqualTo(200);
        assertThat(confirmation.html()).contains("Confirm " + action + "?", "Yes, " + action, "id=\"back\"");
        assertThat(confirmation.formAction()).isEqualTo("/respond/" + token(link) + "/" + action);
        assertThat(confirmation.csrfField()).isNotBlank();
        HttpCookie csrfCookie = phone.cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("RESPOND-CSRF")).findFirst().orElseThrow();
        assertThat(csrfCookie.getPath()).isEqualTo("/respond");
        assertThat(csrfCookie.isHttpOnly()).isTrue();
        assertNothingAboutOthers(confirmation, alarm, alarm.first());

        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("open");
        assertThat(view.has("decision")).isFalse();
        assertThat(patchesFor(alarm)).isEmpty();
    }

    @Test
    void aConfirmedDispatchIsTakenAtTheClickReachesChektOnceAndSpendsTheLink() {
        TestAlarm alarm = newAlarm();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());
        Page confirmation = phone.open(URI.create(link + "/dispatch"));
        Instant click = freezeClock();

        Page accepted = phone.confirm(confirmation);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.html()).contains("data-page=\"ACCEPTED\"", "Dispatch requested", alarm.location());
        assertNothingAboutOthers(accepted, alarm, alarm.first());
        JsonNode decision = verification(alarm.verificationId()).get("decision");
        assertThat(decision.get("contact_id").asLong()).isEqualTo(alarm.first().contactId());
        assertThat(decision.get("action").asText()).isEqualTo("dispatch");
        assertThat(Instant.parse(decision.get("responded_at").asText())).isEqualTo(click);
        assertThat(decision.get("source").asText()).isEqualTo("response_link");
        await().atMost(PATIENCE).untilAsserted(() -> CHEKT.verify(1, patchRequestedFor(urlEqualTo(alarm.patchPath()))
                .withRequestBody(equalToJson("{\"verification_id\":\"" + alarm.verificationId() + "\",\"contact_id\":"
                        + alarm.first().contactId() + ",\"action\":\"dispatch\",\"responded_at\":\"" + click + "\"}"))));

        Page reopened = phone.open(link);
        assertThat(reopened.status()).isEqualTo(410);
        assertThat(reopened.html()).contains("data-page=\"USED\"", "Link already used", "<b>dispatch</b>")
                .doesNotContain("id=\"dispatch\"");
        Page resubmitted = phone.confirm(confirmation);
        assertThat(resubmitted.status()).isEqualTo(410);
        assertThat(resubmitted.html()).contains("Link already used");
        Page confirmationAgain = phone.open(URI.create(link + "/disregard"));
        assertThat(confirmationAgain.status()).isEqualTo(410);
        assertThat(confirmationAgain.hasForm()).isFalse();

        assertThat(timeline(alarm, "decision_received")).hasSize(1);
        assertThat(timeline(alarm, "decision_refused")).isEmpty();
        assertThat(patchesFor(alarm)).hasSize(1);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedWithAPageAndTheLinkStaysUsable() {
        TestAlarm alarm = newAlarm();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());
        URI answer = URI.create(link + "/dispatch");
        Page confirmation = phone.open(answer);
        ContactPhone forger = new ContactPhone();

        List<Page> refused = List.of(
                forger.post(answer, null),                        // a cross-site form: no cookie, no field
                forger.post(answer, confirmation.csrfField()),    // a stolen field without the contact's cookie
                phone.post(answer, null),                         // the cookie alone
                phone.post(answer, "forged-" + confirmation.csrfField()));

        assertThat(refused).allSatisfy(page -> {
            assertThat(page.status()).isEqualTo(403);
            assertThat(page.html()).contains("data-page=\"REFUSED\"", "Please confirm again", "Nothing was sent",
                    "id=\"back\" class=\"button secondary\" href=\"/respond/" + token(link) + "\"");
        });
        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("open");
        assertThat(view.has("decision")).isFalse();
        assertThat(timeline(alarm, "decision_refused")).isEmpty();

        Page accepted = phone.confirm(confirmation);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.html()).contains("Dispatch requested");
    }

    @Test
    void linksThatLeadNowhereAnswer404WithAPageAndNeverA500() {
        TestAlarm alarm = newAlarm();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());
        String token = token(link);
        Page confirmation = phone.open(URI.create(link + "/dispatch"));
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);

        List<String> nowhere = List.of(
                "/respond/" + tampered,
                "/respond/" + token.substring(0, token.length() - 1),
                "/respond/" + token + "x",
                "/respond/" + Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                "/respond/" + "A".repeat(300),
                "/respond/%E2%9C%93",
                "/respond/" + token + "/explode",
                "/respond/" + tampered + "/dispatch",
                "/respond/",
                "/respond");

        for (String path : nowhere) {
            Page page = phone.open(local(path));
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.html()).as(path).contains("data-page=\"UNKNOWN\"", "Link not recognised")
                    .doesNotContain("id=\"site\"", alarm.location());
        }
        Page forgedAnswer = phone.post(local("/respond/" + tampered + "/dispatch"), confirmation.csrfField());
        assertThat(forgedAnswer.status()).isEqualTo(404);
        assertThat(forgedAnswer.html()).contains("Link not recognised");
        Page badAction = phone.post(local("/respond/" + token + "/explode"), confirmation.csrfField());
        assertThat(badAction.status()).isEqualTo(404);

        assertThat(phone.open(link).status()).as("the real link still works").isEqualTo(200);
        assertThat(verification(alarm.verificationId()).has("decision")).isFalse();
    }

    @Test
    void anExpiredLinkAnswers410AndTakesNoAnswer() {
        TestAlarm alarm = newAlarm();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());
        Page confirmation = phone.open(URI.create(link + "/dispatch"));

        advanceClock(Duration.ofHours(24).plusSeconds(1));

        Page reopened = phone.open(link);
        assertThat(reopened.status()).isEqualTo(410);
        assertThat(reopened.html()).contains("data-page=\"EXPIRED\"", "Link expired", alarm.location())
                .doesNotContain("id=\"dispatch\"", "id=\"disregard\"");
        assertThat(reopened.hasForm()).isFalse();
        Page lateAnswer = phone.confirm(confirmation);
        assertThat(lateAnswer.status()).isEqualTo(410);
        assertThat(lateAnswer.html()).contains("Link expired", "nothing was sent");
        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("open");
        assertThat(view.has("decision")).isFalse();
        assertThat(patchesFor(alarm)).isEmpty();
    }

    @Test
    void onceAnotherContactHasDecidedALinkAnswers409WithoutSayingWho() throws Exception {
        TestAlarm alarm = newAlarm();
        deliver(alarm);
        URI annsLink = awaitResponseLink(alarm, alarm.first());
        advanceClock(Duration.ofMinutes(2).plusSeconds(1));
        URI bensLink = awaitResponseLink(alarm, alarm.second());
        ContactPhone bensPhone = new ContactPhone();
        Page bensConfirmation = bensPhone.open(URI.create(bensLink + "/dispatch"));
        assertThat(bensConfirmation.status()).isEqualTo(200);

        Page annsAnswer = phone.confirm(phone.open(URI.create(annsLink + "/disregard")));
        assertThat(annsAnswer.html()).contains("Alarm disregarded");

        Page bensAnswer = bensPhone.confirm(bensConfirmation);
        assertThat(bensAnswer.status()).isEqualTo(409);
        assertThat(bensAnswer.html()).contains("data-page=\"DECIDED\"", "Someone else answered this alarm first",
                "<b>disregard</b>", "nothing was sent for it");
        assertNothingAboutOthers(bensAnswer, alarm, alarm.second());
        Page bensPage = bensPhone.open(bensLink);
        assertThat(bensPage.status()).isEqualTo(409);
        assertThat(bensPage.html()).contains("Already answered").doesNotContain("id=\"dispatch\"");
        assertNothingAboutOthers(bensPage, alarm, alarm.second());
        assertThat(phone.open(annsLink).status()).isEqualTo(410);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(patchesFor(alarm)).hasSize(1));
        JsonNode submitted = json.readTree(patchesFor(alarm).get(0).getBodyAsString());
        assertThat(submitted.get("contact_id").asLong()).isEqualTo(alarm.first().contactId());
        assertThat(submitted.get("action").asText()).isEqualTo("disregard");
    }

    @Test
    void aCancelledVerificationsLinkSaysNoAnswerIsNeeded() {
        TestAlarm alarm = newAlarm();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());
        assertThat(deliverWebhook(alarm.cancellation()).statusCode()).isBetween(200, 299);
        await().atMost(PATIENCE).until(() -> verification(alarm.verificationId()).get("state").asText().equals("cancelled"));

        Page page = phone.open(link);

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.html()).contains("data-page=\"CLOSED\"", "No answer needed").doesNotContain("id=\"dispatch\"");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"http://media.example/snap/plain-http.jpg", "javascript:alert(1)", "not a url at all"})
    void withoutAUsableSnapshotThePageSaysSoAndStillWorks(String snapshotUrl) {
        TestAlarm alarm = newAlarm().withSnapshot(snapshotUrl).withLocation("<script>alert('gate')</script> Gate");
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());

        Page page = phone.open(link);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains("No camera snapshot came with this alarm", "&lt;script&gt;", "id=\"dispatch\"")
                .doesNotContain("<img", "<script>");
        Page accepted = phone.confirm(phone.open(URI.create(link + "/disregard")));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.html()).contains("Alarm disregarded");
    }

    private static String token(URI link) {
        String path = link.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Neither the verification's identifiers nor anything about the other contacts (nor the contact's own id). */
    private static void assertNothingAboutOthers(Page page, TestAlarm alarm, TestAlarm.TestContact self) {
        assertThat(page.html()).doesNotContain(alarm.verificationId().toString(), String.valueOf(alarm.alarmVerificationId()),
                alarm.eventId(), String.valueOf(self.contactId()));
        alarm.contacts().stream().filter(contact -> !contact.equals(self))
                .forEach(other -> assertThat(page.html()).doesNotContain(other.personalData()));
    }
}
