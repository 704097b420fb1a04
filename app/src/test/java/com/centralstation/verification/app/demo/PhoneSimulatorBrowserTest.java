package com.centralstation.verification.app.demo;

import com.centralstation.verification.app.AlarmVerificationApplication;
import com.centralstation.verification.app.testing.LocalPorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo as it ships ({@code channels: voice,log}, Twilio played by the phone simulator), in a real headless
 * Chromium: a newcomer triggers a test alarm on the demo page, Alice's phone rings on {@code /demo/phone}, they answer,
 * read what the station says, press 1 and then 1 to confirm, and the CHeKT sandbox receives Alice's dispatch.
 * Every step of the call is a signed Twilio callback to the service. Screenshots go to target/screenshots/.
 */
@SpringBootTest(classes = AlarmVerificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles(DemoProfile.NAME)
class PhoneSimulatorBrowserTest {

    private static final int PORT = LocalPorts.free();

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession("demo-phone");

    @DynamicPropertySource
    static void demoPhoneProperties(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("spring.datasource.url", () -> "jdbc:h2:mem:demo-phone;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        properties.add("camunda.bpm.process-engine-name", () -> "demophone");
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
    }

    @Test
    void aNewcomerAnswersAlicesCallPressesOneThenOneAndTheSandboxReceivesHerDispatch() throws Exception {
        // The demo's first escalation is 20 s: the engine's clock stands still, so Alice stays the one called.
        ClockUtil.setCurrentTime(new Date());
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(uri("/demo").toString());
        browser.findElement(By.id("trigger-motion")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alarms .state")));
        browser.findElement(By.id("phone")).click();

        WebElement ringing = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".call.ringing")));
        assertThat(ringing.getText()).contains("Alice Adams", "+15550107001", "ringing");
        chromium.screenshot("demo-phone-ringing");
        ringing.findElement(By.cssSelector("button.answer")).click();

        WebElement talking = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".call.talking")));
        assertThat(talking.findElement(By.className("transcript")).getText()).contains(
                "This is the demo monitoring station", "alarm at site demo-site", "motion alarm went off",
                "Main entrance (test alarm)", "Press 1 to send emergency services", "Press 9 to hear this again");
        chromium.screenshot("demo-phone-answered");
        press(wait, "1");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".call .transcript"),
                "You chose to send emergency services"));
        press(wait, "1");

        WebElement ended = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".call.ended")));
        assertThat(ended.getText()).contains("Your answer is recorded: emergency services are sent", "ended, completed");
        chromium.screenshot("demo-phone-dispatched");

        JsonNode patch = await().atMost(Duration.ofSeconds(30)).until(this::patches, list -> !list.isEmpty()).get(0);
        assertThat(patch.get("answeredStatus").asInt()).isEqualTo(200);
        JsonNode body = json.readTree(patch.get("body").asText());
        assertThat(body.get("contact_id").asLong()).isEqualTo(7001);
        assertThat(body.get("action").asText()).isEqualTo("dispatch");
        browser.get(uri("/demo").toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#alarms .state"), "dispatch by contact 7001"));
        chromium.screenshot("demo-phone-submitted");
    }

    private static void press(WebDriverWait wait, String key) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".call.talking .keypad button[id$='-" + key + "']")))
                .click();
    }

    private List<JsonNode> patches() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/demo/chekt/received")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> patches = new ArrayList<>();
        json.readTree(response.body()).get("requests").forEach(request -> {
            if (request.get("method").asText().equals("PATCH")) {
                patches.add(request);
            }
        });
        return patches;
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }
}
