package com.centralstation.verification.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's start page in a real headless Chromium, as a newcomer uses it: the CHeKT sandbox's outage switched on
 * and off from the page, a contact's response link opened from the page and answered, and what the sandbox received
 * read on its own page (indented JSON, the token request's form fields with the secret masked). Screenshots go to
 * target/screenshots/.
 */
class DemoPageBrowserTest extends DemoServiceTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession("demo-page");

    @Test
    void theOutageIsSwitchedOnAndOffFromTheStartPage() throws Exception {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(uri("/demo").toString());
        assertThat(browser.findElement(By.id("outage-state")).getText()).contains("CHeKT sandbox: up");

        browser.findElement(By.id("outage-switch")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outage-state"), "outage"));
        assertThat(browser.findElement(By.id("outage-state")).getText()).contains("answered 503");
        assertThat(browser.findElement(By.id("outage-switch")).getText()).isEqualTo("End the outage");
        assertThat(sandboxOutage()).isTrue();
        chromium.screenshot("demo-outage-on");

        browser.findElement(By.id("outage-switch")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outage-state"), "up"));
        assertThat(sandboxOutage()).isFalse();
    }

    @Test
    void aNewcomerOpensAlicesResponseLinkFromThePageDispatchesAndReadsWhatTheSandboxReceived() throws Exception {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(uri("/demo").toString());
        String before = newestAlarm(browser).map(row -> row.findElement(By.tagName("code")).getText()).orElse("");
        browser.findElement(By.id("trigger-motion")).click();
        WebElement newest = await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.navigate().refresh();
            return newestAlarm(browser).filter(row -> !row.findElement(By.tagName("code")).getText().equals(before)).orElse(null);
        }, row -> row != null);
        String verificationId = newest.findElement(By.tagName("code")).getText();
        long alarmVerificationId = Long.parseLong(newest.findElements(By.tagName("td")).get(1).getText());

        // The link is listed once the notification job has sent it.
        WebElement aliceLink = await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("#links tr")).stream()
                    .filter(row -> row.getText().contains("Alice Adams (1)") && row.getText().contains(verificationId.substring(0, 8)))
                    .findFirst().map(row -> row.findElement(By.className("response-link"))).orElse(null);
        }, link -> link != null);
        assertThat(aliceLink.getDomAttribute("href")).startsWith("http://localhost:" + PORT + "/respond/");
        chromium.screenshot("demo-response-links");

        aliceLink.click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dispatch"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("headline"), "Dispatch requested"));

        await().atMost(Duration.ofSeconds(30)).until(() -> patchesFor(alarmVerificationId), patches -> !patches.isEmpty());
        browser.get(uri("/demo/received").toString());
        WebElement patch = browser.findElements(By.cssSelector(".request")).stream()
                .filter(request -> request.findElement(By.tagName("h2")).getText().contains("/alarm-verifications/" + alarmVerificationId))
                .findFirst().orElseThrow();
        assertThat(patch.findElement(By.tagName("h2")).getText()).startsWith("PATCH /partner/v1/dealers/demo-dealer/sites/demo-site/")
                .endsWith("200");
        assertThat(patch.getText()).contains("idempotency-key", "verification-" + verificationId, "x-partner-trace-id",
                "Bearer ****");
        String body = patch.findElement(By.className("body")).getText();
        assertThat(body.lines().count()).as("indented, one field a line: " + body).isGreaterThanOrEqualTo(6);
        assertThat(body).contains("\"action\" : \"dispatch\"", "\"contact_id\" : 7001", "\"verification_id\" : \"" + verificationId + "\"");
        WebElement token = browser.findElements(By.cssSelector(".request")).stream()
                .filter(request -> request.findElement(By.tagName("h2")).getText().startsWith("POST /oauth/token"))
                .findFirst().orElseThrow();
        List<String> form = token.findElements(By.cssSelector(".form dt, .form dd")).stream().map(WebElement::getText).toList();
        assertThat(form).containsSubsequence("grant_type", "client_credentials").containsSubsequence("client_id", "demo-client")
                .containsSubsequence("client_secret", "****");
        assertThat(token.getText()).doesNotContain("demo-secret").doesNotContain("{client_id=");
        assertThat(token.findElement(By.className("answer")).getText()).contains("\"access_token\" : \"****\"");
        chromium.screenshot("demo-received");

        browser.get(uri("/demo").toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElement(By.cssSelector("#alarms")).getText()).contains(verificationId);
            assertThat(browser.findElements(By.cssSelector("#alarms tr")).stream().filter(row -> row.getText().contains(verificationId))
                    .findFirst().orElseThrow().getText()).contains("submitted", "dispatch by contact 7001");
        });
    }

    @Test
    void theOutageSwitchRefusesAnythingButTrueOrFalseWithAProblem() throws Exception {
        HttpClient page = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String start = page.send(HttpRequest.newBuilder(uri("/demo")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF_FIELD.matcher(start);
        assertThat(csrf.find()).isTrue();
        String token = URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);

        for (String form : List.of("down=maybe", "down=", "")) {
            HttpResponse<String> refused = switchOutage(page, "_csrf=" + token + (form.isEmpty() ? "" : "&" + form));
            assertThat(refused.statusCode()).as(form).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.get("field").asText()).isEqualTo("down");
            assertThat(problem.get("detail").asText()).startsWith("down must be true (start CHeKT's outage) or false (end it)");
        }
        assertThat(sandboxOutage()).isFalse();

        HttpResponse<String> switched = switchOutage(page, "_csrf=" + token + "&down=true");
        assertThat(switched.statusCode()).isEqualTo(303);
        assertThat(switched.headers().firstValue("Location")).hasValue("/demo");
        assertThat(sandboxOutage()).isTrue();
        assertThat(switchOutage(HttpClient.newHttpClient(), "down=false").statusCode()).as("no CSRF token").isEqualTo(403);
    }

    /** The first row under the heading of "Recent test alarms", newest first. */
    private static Optional<WebElement> newestAlarm(WebDriver browser) {
        return browser.findElements(By.cssSelector("#alarms tr")).stream()
                .filter(row -> !row.findElements(By.tagName("code")).isEmpty()).findFirst();
    }

    private HttpResponse<String> switchOutage(HttpClient client, String form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri("/demo/outage"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean sandboxOutage() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/demo/chekt/received")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body()).get("outage").asBoolean();
    }
}
