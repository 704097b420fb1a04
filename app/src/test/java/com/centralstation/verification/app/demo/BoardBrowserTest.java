package com.centralstation.verification.app.demo;

import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.app.e2e.ServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator board in a real headless Chromium: a fire alarm and three motion alarms of different ages (the engine's
 * clock is moved between their arrivals, so the escalation ladder really ran for the older ones), coloured by how long
 * they have waited, the fire pinned on top with its 90-second line; an operator claims the fire's review, and a
 * decision made elsewhere takes its alarm off the board without a reload. An analyst is refused. Screenshots go to
 * target/screenshots/.
 */
class BoardBrowserTest extends ServiceTest {

    private static final String OPERATOR = "boardoscar";
    private static final String ANALYST = "boardarthur";
    private static final String PASSWORD = "board-browser-password";

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession("board");

    private final String dealer = "dealer-" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void anOperatorWatchesTheBoardClaimsTheFireAndSeesADecidedAlarmLeave() throws Exception {
        camundaUser(OPERATOR, PASSWORD, "operators");
        camundaUser(ANALYST, PASSWORD, "analysts");
        UUID oldest = arrive("motion", "LOW", "1", "Loading dock");
        awaitNotified(oldest, 1);
        advanceClock(Duration.ofMinutes(5));
        awaitNotified(oldest, 3);
        UUID high = arrive("motion", "HIGH", "2", "Main Entrance");
        awaitNotified(high, 1);
        advanceClock(Duration.ofSeconds(210));
        awaitNotified(high, 2);
        UUID young = arrive("motion", "LOW", "3", "Stockroom");
        awaitNotified(young, 1);
        advanceClock(Duration.ofSeconds(150));
        awaitNotified(young, 2);
        UUID fire = arrive("fire", "LOW", "4", "Kitchen");
        awaitNotified(fire, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(oldest).equals("with_operator") && stateOf(fire).equals("with_operator"));

        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(uri("/board?dealer_id=" + dealer).toString());
        logIn(browser, wait, OPERATOR);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection"), "Live"));
        wait.until(driver -> driver.findElements(By.cssSelector("tr.alarm")).size() == 4);

        // The fire is pinned in its own table above the others, which are high first, then normal oldest first. The
        // page re-reads its list whenever the stream says so: each look at it is one snapshot taken in the page.
        List<Line> lines = lines(browser);
        assertThat(lines).filteredOn(Line::pinned).extracting(Line::id).containsExactly(fire.toString());
        assertThat(lines).filteredOn(line -> !line.pinned()).extracting(Line::id)
                .containsExactly(high.toString(), oldest.toString(), young.toString());
        // Colour by band, with the band in words beside it.
        assertThat(find(lines, fire)).satisfies(line -> assertBand(line, "bucket-0", "0-2m"));
        assertThat(find(lines, high)).satisfies(line -> assertBand(line, "bucket-2", "5-10m"));
        assertThat(find(lines, oldest)).satisfies(line -> assertBand(line, "bucket-3", "10m+"));
        assertThat(find(lines, young)).satisfies(line -> assertBand(line, "bucket-1", "2-5m"));
        assertThat(find(lines, young).state()).isEqualTo("notifying contact 2 of 3");
        assertThat(find(lines, oldest).state()).isEqualTo("with operator");
        assertThat(find(lines, fire).lineText()).endsWith("to the 90 s line");
        assertThat(find(lines, fire).claim()).startsWith("Claim: Life safety alarm: fire at Kitchen");
        assertThat(browser.findElement(By.cssSelector(".buckets .bucket-3 .count")).getText()).isEqualTo("1");
        chromium.screenshot("board-four-alarms");

        // Claim the fire's review: the engine takes it as this operator, and the board says who holds it.
        script(browser, "document.querySelector('#v-" + fire + " form.claim button').click();");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "You hold it now"));
        wait.until(driver -> find(lines(driver), fire).task().contains("You hold it"));
        assertThat(find(lines(browser), fire).claim()).isEmpty();
        chromium.screenshot("board-claimed");

        // The fire waits past its 90 seconds while the youngest motion alarm is decided elsewhere: the stream tells the
        // page, which reads its list again, without reloading.
        script(browser, "window.notReloaded = true;");
        advanceClock(Duration.ofSeconds(100));
        assertThat(decide(young, "{\"contact_id\":67890,\"action\":\"disregard\"}").statusCode()).isEqualTo(202);
        wait.until(driver -> lines(driver).stream().noneMatch(line -> line.id().equals(young.toString())));
        assertThat(script(browser, "return window.notReloaded === true;")).isEqualTo(true);
        wait.until(driver -> find(lines(driver), fire).classes().contains("past-line"));
        assertThat(find(lines(browser), fire).lineText()).startsWith("past the 90 s line");
        assertThat(lines(browser)).extracting(Line::id).containsExactly(fire.toString(), high.toString(), oldest.toString());
        chromium.screenshot("board-after-decision");

        // An analyst logs in with a good password and is told the board is not for them.
        browser.findElement(By.cssSelector("form.logout button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logged-out")));
        browser.get(uri("/board").toString());
        logIn(browser, wait, ANALYST);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refused")));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("for operators and supervisors", "analysts");
        chromium.screenshot("board-refused-analyst");
    }

    private void logIn(WebDriver browser, WebDriverWait wait, String user) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("log-in")).click();
    }

    /** One line of the board as the page shows it at one moment. */
    private record Line(String id, boolean pinned, String classes, String band, String state, String lineText, String task,
                        String claim) {
    }

    @SuppressWarnings("unchecked")
    private static List<Line> lines(WebDriver browser) {
        List<java.util.Map<String, Object>> found = (List<java.util.Map<String, Object>>) script(browser, """
                return Array.from(document.querySelectorAll('tr.alarm')).map(line => ({
                  id: line.dataset.verificationId, pinned: line.closest('section').classList.contains('pinned'),
                  classes: line.className, band: line.querySelector('.bucket-label').textContent,
                  state: line.querySelector('.state').textContent,
                  lineText: (line.querySelector('.line-text') || {textContent: ''}).textContent,
                  task: line.querySelector('.task').textContent,
                  claim: (line.querySelector('form.claim button') || {getAttribute: () => ''}).getAttribute('aria-label') || ''}));
                """);
        return found.stream().map(line -> new Line((String) line.get("id"), (Boolean) line.get("pinned"),
                (String) line.get("classes"), ((String) line.get("band")).strip(), ((String) line.get("state")).strip(),
                ((String) line.get("lineText")).strip(), (String) line.get("task"), (String) line.get("claim"))).toList();
    }

    private static Line find(List<Line> lines, UUID verificationId) {
        return lines.stream().filter(line -> line.id().equals(verificationId.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + verificationId + " in " + lines));
    }

    private static void assertBand(Line line, String css, String label) {
        assertThat(line.classes()).as("line of %s", line.id()).contains(css);
        assertThat(line.band()).isEqualTo(label);
    }

    private static Object script(WebDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private UUID arrive(String trigger, String priority, String site, String location) throws IOException, InterruptedException {
        TestAlarm alarm = TestAlarm.onContractSite(trigger);
        assertThat(deliverWebhook(alarm.atSite(dealer, site, priority, location).body()).statusCode()).isEqualTo(202);
        return alarm.verificationId();
    }

    private void awaitNotified(UUID verificationId, int contacts) {
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(verificationId) >= contacts);
    }

    private String stateOf(UUID verificationId) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> answer = http.send(station(java.net.http.HttpRequest.newBuilder(
                uri("/api/board?dealer_id=" + dealer))).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        for (JsonNode item : json.readTree(answer.body()).get("items")) {
            if (item.get("verification_id").asText().equals(verificationId.toString())) {
                return item.get("state").asText();
            }
        }
        return "";
    }
}
