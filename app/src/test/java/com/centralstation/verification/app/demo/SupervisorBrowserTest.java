package com.centralstation.verification.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor's path in a real headless Chromium, in the demo profile: log into Cockpit with the configured
 * admin, open the alarm verification process (its diagram and a running instance), then log into Tasklist, claim
 * the operator's review of a fire alarm (life-safety: an operator takes over at once), fill in its form and complete
 * it; the CHeKT sandbox receives the PATCH. Screenshots go to target/screenshots/.
 */
class SupervisorBrowserTest extends DemoServiceTest {

    private static final String ADMIN = "admin";
    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession("supervisor");

    @Autowired
    RepositoryService repository;

    @Autowired
    TaskService tasks;

    @Test
    void aSupervisorSeesTheVerificationInCockpitAndAnOperatorDecidesItInTasklist() throws Exception {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        // The demo's start page: its button triggers the test alarm through the signed webhook.
        browser.get(uri("/demo").toString());
        chromium.screenshot("demo-start-page");
        browser.findElement(By.id("trigger-fire")).click();
        WebElement newest = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alarms tr:nth-child(2)")));
        List<WebElement> cells = newest.findElements(By.tagName("td"));
        String verificationId = cells.get(0).getText();
        long alarmVerificationId = Long.parseLong(cells.get(1).getText());
        assertThat(cells.get(2).getText()).isEqualTo("fire");
        assertThat(verification(verificationId)).as("verification %s", verificationId).isNotNull();
        Task review = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(verificationId).taskName("Operator review").singleResult(), task -> task != null);
        // Candidate group "operators", while the admin is only in camunda-admin: with camunda.bpm.authorization on,
        // the admin still sees and may claim every task, as a member of the engine's admin group.
        assertThat(review.getAssignee()).isNull();
        assertThat(tasks.getIdentityLinksForTask(review.getId())).anySatisfy(link ->
                assertThat(link.getGroupId()).isEqualTo("operators"));

        // Cockpit: log in, open the process from the processes list, see its diagram and the running instance.
        browser.get(uri("/camunda/app/cockpit/" + ENGINE + "/").toString());
        logInUnlessLoggedIn(wait);
        browser.get(uri("/camunda/app/cockpit/" + ENGINE + "/#/processes").toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Alarm verification"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".djs-container svg")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='Activity_OperatorReview']")));
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(verificationId).singleResult().getId();
        wait.until(driver -> driver.getPageSource().contains(instanceId));
        assertThat(browser.getPageSource()).contains(verificationId);
        chromium.screenshot("cockpit-alarm-verification-process");

        // Tasklist: the "All tasks" filter lists the review; claim it, fill in the form, complete it.
        browser.get(uri("/camunda/app/tasklist/" + ENGINE + "/").toString());
        logInUnlessLoggedIn(wait);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-filters"), "All tasks"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tasks-list"), "Operator review"));
        browser.get(uri("/camunda/app/tasklist/" + ENGINE + "/#/?task=" + review.getId()).toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        wait.until(driver -> ADMIN.equals(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()));
        WebElement dispatch = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".fjs-form-field-radio input[type='radio']")));
        assertThat(browser.findElement(By.cssSelector(".fjs-form-field-radio")).getText()).contains("Dispatch");
        wait.until(driver -> driver.findElements(By.cssSelector(".fjs-form-field-textarea textarea")).stream()
                .anyMatch(area -> String.valueOf(area.getDomProperty("value")).contains("Alice Adams (contact id 7001)")));
        click(browser, dispatch);
        WebElement contactId = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form-field-number input")));
        contactId.sendKeys("7001");
        browser.findElement(By.cssSelector(".fjs-form-field-textarea:not(.fjs-disabled) textarea"))
                .sendKeys("Alice confirmed smoke by phone.");
        chromium.screenshot("tasklist-operator-review");
        WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']")));
        click(browser, complete);

        List<JsonNode> patches = await().atMost(Duration.ofSeconds(30)).until(() -> patchesFor(alarmVerificationId), list -> !list.isEmpty());
        chromium.screenshot("tasklist-after-complete");
        JsonNode body = json.readTree(patches.get(0).get("body").asText());
        assertThat(patches.get(0).get("answeredStatus").asInt()).isEqualTo(200);
        assertThat(body.get("verification_id").asText()).isEqualTo(verificationId);
        assertThat(body.get("contact_id").asLong()).isEqualTo(7001);
        assertThat(body.get("action").asText()).isEqualTo("dispatch");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(verificationId).get("state").asText()).isEqualTo("submitted"));
        assertThat(verification(verificationId).at("/decision/source").asText()).isEqualTo("operator");

        browser.get(uri("/demo").toString());
        assertThat(browser.findElement(By.cssSelector("#alarms tr:nth-child(2) .state")).getText())
                .startsWith("submitted").contains("dispatch by contact 7001");
        chromium.screenshot("demo-start-page-after-decision");
    }

    @Test
    void aSupervisorRetriesAFailedSubmissionFromItsIncidentInCockpitOnceChektIsBack() throws Exception {
        Decided decided = decidedWhileChektIsDown();
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(uri("/camunda/app/cockpit/" + ENGINE + "/").toString());
        logInUnlessLoggedIn(wait);
        browser.get(uri("/camunda/app/cockpit/" + ENGINE + "/#/process-instance/" + decided.instanceId()
                + "/runtime?tab=incidents-tab").toString());
        WebElement retry = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("a[ng-click='openJobRetryDialog(incident)']")));
        assertThat(browser.findElement(By.cssSelector(".ctn-tabbed-content, body")).getText()).contains("Submit decision to CHeKT");
        chromium.screenshot("cockpit-incident");

        outage(false);
        click(browser, retry);
        click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='incrementRetry()']"))));
        click(browser, wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".modal-footer button.btn-primary[ng-click='close(status)']"))));
        // Cockpit keeps the job's due date (its last failure's next retry); let the engine's clock pass it.
        advanceClock(Duration.ofMinutes(6));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(decided.verificationId()).get("state").asText()).isEqualTo("submitted"));
        List<JsonNode> patches = patchesFor(decided.alarmVerificationId());
        assertThat(patches.get(patches.size() - 1).get("answeredStatus").asInt()).isEqualTo(200);
        assertThat(patches.stream().filter(patch -> patch.get("answeredStatus").asInt() == 200)).hasSize(1);
        assertThat(management.createJobQuery().processInstanceId(decided.instanceId()).withException().count()).isZero();
    }

    /** application-demo.yml sets verification.webapps.hide-end-of-life-banner, as a station that stays on 7.24 would. */
    @Test
    void theWebappsHideCamundasEndOfLifeBannerForAStationThatStays() throws Exception {
        for (String webapp : List.of("cockpit", "tasklist", "admin", "welcome")) {
            HttpResponse<String> styles = http.send(HttpRequest.newBuilder(uri("/camunda/app/" + webapp
                    + "/styles/user-styles.css?bust=7.24.0")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(styles.statusCode()).as(webapp).isEqualTo(200);
            assertThat(styles.headers().firstValue("Content-Type")).as(webapp).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/css"));
            assertThat(styles.body()).as(webapp).contains(".ce-eol-banner").contains("display: none");
        }

        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        for (String webapp : List.of("cockpit", "tasklist", "admin")) {
            browser.get(uri("/camunda/app/" + webapp + "/" + ENGINE + "/").toString());
            logInUnlessLoggedIn(wait);
            // Camunda renders the banner in every page's header; the station's stylesheet keeps it from showing.
            WebElement banner = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ce-eol-banner")));
            assertThat(banner.isDisplayed()).as(webapp).isFalse();
            chromium.screenshot(webapp + "-without-end-of-life-banner");
        }
    }

    /** The webapps share one login per browser session: log in when the page asks for it, once it has rendered. */
    private static void logInUnlessLoggedIn(WebDriverWait wait) {
        // (A wait ends on a non-null, non-false value: hence words rather than booleans.)
        String page = wait.until(driver -> {
            if (!driver.findElements(By.cssSelector("input[ng-model='username']")).isEmpty()) {
                return "login";
            }
            return driver.findElement(By.tagName("body")).getText().contains("Supervisor Admin") ? "logged in" : null;
        });
        if (page.equals("login")) {
            logIn(wait);
        }
    }

    private static void logIn(WebDriverWait wait) {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
        user.sendKeys(ADMIN);
        user.findElement(By.xpath("//input[@ng-model='password']")).sendKeys(DEMO_PASSWORD);
        user.findElement(By.xpath("//form//button[@type='submit']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
    }

    /** Radio inputs in form-js are styled over; clicking through JavaScript is what the label does. */
    private static void click(WebDriver browser, WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
    }
}
