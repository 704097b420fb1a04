package com.centralstation.verification.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Try it in two minutes", as a test: a test alarm through the signed webhook, nobody answers the first contact
 * so the compressed 20-second timer calls the second, who opens the link the log printed and presses Dispatch;
 * the CHeKT sandbox receives the PATCH, with its token, trace id and idempotency key.
 */
class DemoScenarioTest extends DemoServiceTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

    @Test
    void aTestAlarmEscalatesUnderTheCompressedTimersAndTheSecondContactsDispatchReachesTheSandbox() throws Exception {
        int mark = printedSoFar();
        JsonNode alarm = triggerTestAlarm("motion");
        String verificationId = alarm.get("verification_id").asText();
        long alarmVerificationId = alarm.get("alarm_verification_id").asLong();
        assertThat(alarm.get("dealer_id").asText()).isEqualTo("demo-dealer");

        URI aliceLink = awaitResponseLink("Alice Adams", mark);
        assertThat(aliceLink.toString()).startsWith("http://localhost:" + PORT + "/respond/");
        // The link is printed inside the notification job; its transaction commits a moment later.
        await().atMost(Duration.ofSeconds(30)).until(() -> verification(verificationId).get("contacts_notified").asInt() == 1);
        assertThat(verification(verificationId).get("call_list").findValuesAsText("contact_id")).containsExactly("7001", "7002", "7003");

        // Nobody answers: 21 s later (the demo's first escalation is PT20S, not PT2M) Bruno is called.
        advanceClock(Duration.ofSeconds(21));
        URI brunoLink = awaitResponseLink("Bruno Berg", mark);
        await().atMost(Duration.ofSeconds(30)).until(() -> verification(verificationId).get("contacts_notified").asInt() == 2);
        assertThat(patchesFor(alarmVerificationId)).isEmpty();

        HttpClient phone = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = phone.send(HttpRequest.newBuilder(brunoLink).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"dispatch\"");
        HttpResponse<String> confirm = phone.send(HttpRequest.newBuilder(URI.create(brunoLink + "/dispatch")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirm.statusCode()).isEqualTo(200);
        HttpResponse<String> answered = phone.send(HttpRequest.newBuilder(brunoLink.resolve(field(FORM_ACTION, confirm.body())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(field(CSRF_FIELD, confirm.body()),
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

        JsonNode patch = await().atMost(Duration.ofSeconds(30)).until(() -> patchesFor(alarmVerificationId), list -> !list.isEmpty()).get(0);
        assertThat(patch.get("path").asText()).isEqualTo("/partner/v1/dealers/demo-dealer/sites/demo-site/alarm-verifications/" + alarmVerificationId);
        assertThat(patch.get("answeredStatus").asInt()).isEqualTo(200);
        assertThat(patch.at("/answer/id").isIntegralNumber()).isTrue();
        JsonNode body = json.readTree(patch.get("body").asText());
        assertThat(body.get("verification_id").asText()).isEqualTo(verificationId);
        assertThat(body.get("contact_id").isIntegralNumber()).isTrue();
        assertThat(body.get("contact_id").asLong()).isEqualTo(7002);
        assertThat(body.get("action").asText()).isEqualTo("dispatch");
        assertThat(patch.at("/headers/idempotency-key").asText()).isEqualTo("verification-" + verificationId);
        assertThat(UUID.fromString(patch.at("/headers/x-partner-trace-id").asText())).isNotNull();
        assertThat(patch.at("/headers/authorization").asText()).isEqualTo("Bearer ****");
        assertThat(received()).anySatisfy(token -> {
            assertThat(token.get("path").asText()).isEqualTo("/oauth/token");
            assertThat(token.get("answeredStatus").asInt()).isEqualTo(200);
            assertThat(token.get("body").asText()).contains("client_id=demo-client", "client_secret=****")
                    .doesNotContain("demo-secret");
            assertThat(token.at("/answer/access_token").asText()).isEqualTo("****");
            assertThat(token.at("/form/grant_type").asText()).isEqualTo("client_credentials");
            assertThat(token.at("/form/client_secret").asText()).isEqualTo("****");
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(verificationId).get("state").asText()).isEqualTo("submitted"));
        JsonNode submitted = verification(verificationId);
        assertThat(submitted.at("/submission/trace_id").asText()).isEqualTo(patch.at("/headers/x-partner-trace-id").asText());
        assertThat(submitted.at("/submission/chekt_id").asLong()).isEqualTo(patch.at("/answer/id").asLong());
        assertThat(submitted.at("/decision/source").asText()).isEqualTo("response_link");
        assertThat(patchesFor(alarmVerificationId)).hasSize(1);
    }

    private static String field(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }
}
